using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CvTailor.LocalPostgres;
using Npgsql;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// The whole system as a developer starts it (<c>dotnet run --project CvTailor.AppHost</c>): Aspire's orchestrator and
/// dashboard, the local PostgreSQL, migrate, model, Embeddings and Api; the console report people and scripts read.
/// These run alone, after the parallel part of the suite: an AppHost process started while the rest of the suite
/// loads both cores occasionally went three minutes without its start-up report (docs/apphost.md), and a developer
/// starts it on a machine that is not running 700 tests.
/// </summary>
[Collection(nameof(AppHostTests))]
public sealed class AppHostTests : IDisposable
{
    readonly string _data = Path.Combine(Path.GetTempPath(), $"cvtailor-e2e-{Guid.NewGuid():N}");
    static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Starts_all_resources_healthy_serves_health_and_stops_cleanly_leaving_no_process()
    {
        var clock = Stopwatch.StartNew();
        await using var host = AppHostProcess.Start(_data);
        await host.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        var coldStart = clock.Elapsed;

        var api = host.EndpointOf("api");
        var embeddings = host.EndpointOf("embeddings");
        Assert.NotNull(api);
        Assert.NotNull(embeddings);
        foreach (var url in new[] { api, embeddings })
        {
            using var health = await s_http.GetAsync($"{url}/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("Healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var alive = await s_http.GetAsync($"{url}/alive");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        Assert.Matches(@"postgres\s+Executable\s+Healthy\s+tcp://", host.Output);
        Assert.Matches(@"cvtailor\s+PostgresDatabase\s+Healthy", host.Output);
        Assert.Matches(@"migrate\s+Project\s+Finished", host.Output);
        Assert.Matches(@"model\s+Executable\s+Finished", host.Output);

        // The real dashboard answers its login URL (the token in it signs the browser in).
        var login = host.EndpointOf("dashboard");
        Assert.NotNull(login);
        Assert.Contains("/login?t=", login, StringComparison.Ordinal);
        using (var page = await s_http.GetAsync(login))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var processes = host.DescendantsAndSelf();
        Assert.True(processes.Count >= 6, $"expected the host, the orchestrator, postgres and two services, saw {processes.Count}");

        var exit = await host.StopAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, exit);
        await AppHostProcess.WaitAllExitedAsync(processes, TimeSpan.FromSeconds(30));
        // The figure for the closing note; printed, not asserted.
        Console.WriteLine($"AppHost start to all healthy (first start, includes initdb): {coldStart.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_second_start_reuses_the_data_directory()
    {
        await using (var first = AppHostProcess.Start(_data))
        {
            await first.WaitHealthyAsync(TimeSpan.FromMinutes(3));
            await ExecuteAsync("CREATE TABLE e2e_marker (note text); INSERT INTO e2e_marker VALUES ('kept')");
            var processes = first.DescendantsAndSelf();
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
            // The next start must find the data directory released (PostgreSQL's shutdown complete).
            await AppHostProcess.WaitAllExitedAsync(processes, TimeSpan.FromSeconds(60));
        }
        var clock = Stopwatch.StartNew();
        await using var second = AppHostProcess.Start(_data);
        await second.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"AppHost warm start to all healthy: {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal("kept", await ExecuteAsync("SELECT note FROM e2e_marker"));
        var left = second.DescendantsAndSelf();
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
        await AppHostProcess.WaitAllExitedAsync(left, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Exits_non_zero_with_a_clear_message_when_a_resource_fails_to_start()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var host = AppHostProcess.Start(_data, new Dictionary<string, string>
        {
            ["AppHost__Ports__api"] = busyPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var processes = new List<int>();
        var exited = host.Process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            processes.AddRange(host.DescendantsAndSelf());
            await Task.WhenAny(exited, Task.Delay(200));
        }
        await exited.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.NotEqual(0, host.Process.ExitCode);
        Assert.Contains("error: Resource 'api' failed to start", host.Output, StringComparison.Ordinal);
        Assert.Contains($"port {busyPort} is in use", host.Output, StringComparison.Ordinal);
        await AppHostProcess.WaitAllExitedAsync(processes.Distinct().ToList(), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Docker_mode_without_a_container_runtime_is_a_one_line_error_not_an_endless_wait()
    {
        await using var host = AppHostProcess.Start(_data, new Dictionary<string, string> { ["Postgres__Mode"] = "Docker" });
        await host.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, host.Process.ExitCode);
        Assert.Contains("error: resource 'postgres': Postgres:Mode is Docker but no container runtime answers", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_service_and_a_killed_postgres_are_restarted_and_healthy_again()
    {
        await using var host = AppHostProcess.Start(_data);
        await host.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        var api = host.EndpointOf("api")!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        foreach (var victim in new[] { "CvTailor.Api", "postgres -D" })
        {
            var pid = host.DescendantsAndSelf().Single(p => AppHostProcess.CommandLine(p).Contains(victim, StringComparison.Ordinal)
                                                           && !AppHostProcess.CommandLine(p).StartsWith("dotnet run", StringComparison.Ordinal)
                                                           && !AppHostProcess.CommandLine(p).StartsWith("bash", StringComparison.Ordinal)
                                                           && !AppHostProcess.CommandLine(p).StartsWith("/usr/bin/setpriv", StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            UnixSignals.Send(pid, UnixSignals.SigKill);
            // Healthy again: the Api answers /health, which includes its database check.
            var healthy = false;
            while (!healthy && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(500);
                try
                {
                    using var health = await http.GetAsync($"{api}/health");
                    healthy = health.StatusCode == HttpStatusCode.OK && AppHostProcess.IsAlive(pid) is false;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Down while it restarts.
                }
            }
            Assert.True(healthy, $"not healthy again after kill -9 of {victim}. Output:\n{host.Output}");
            Console.WriteLine($"kill -9 {victim}: healthy again after {clock.Elapsed.TotalSeconds:0.0} s");
        }
        Assert.Contains("exited unexpectedly", host.Output, StringComparison.Ordinal);
        var processes = host.DescendantsAndSelf();
        Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(60)));
        await AppHostProcess.WaitAllExitedAsync(processes, TimeSpan.FromSeconds(60));
    }

    async Task<string?> ExecuteAsync(string sql)
    {
        var dir = Path.Combine(_data, "postgres");
        var cs = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "port")), System.Globalization.CultureInfo.InvariantCulture),
            Username = "postgres",
            Password = (await File.ReadAllTextAsync(Path.Combine(dir, "password"))).Trim(),
            Database = "cvtailor",
            Pooling = false,
        }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (await cmd.ExecuteScalarAsync())?.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Temp directory; best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by the postgres OS user when running as root; the temp cleaner takes it.
        }
    }
}

[CollectionDefinition(nameof(AppHostTests), DisableParallelization = true)]
public sealed class AppHostTestsGroup;
