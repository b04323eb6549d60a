using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>
/// The real Api on a PostgreSQL of the test's own that is stopped (connections refused) or paused with SIGSTOP
/// (connects and pooled connections hang): requests answer 503 + Retry-After fast, <c>/health</c> names the failing
/// database check while <c>/alive</c> stays up, the Api recovers by itself and nothing written before is lost.
/// Times are printed; the upper bounds have a wide margin over the ~2 s the design aims at.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    static readonly TimeSpan FastAnswer = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Stopped_database_gives_fast_503_health_503_and_recovery_without_loss()
    {
        await using var postgres = await OutagePostgres.StartAsync();
        await using var server = await ApiServer.StartAsync(new(TestDatabase.ProductionProbe), connectionString: postgres.ConnectionString);
        var (client, written) = await WriteSomeAsync(server);

        await postgres.StopAsync();
        await ExpectOutageAsync(server, client, "stopped");

        await postgres.RestartAsync();
        var restarted = Stopwatch.StartNew();
        await ExpectRecoveryAsync(server, client, written, "stopped", restarted);
    }

    [Fact]
    public async Task Paused_database_gives_fast_503_health_503_and_recovery_without_loss()
    {
        await using var postgres = await OutagePostgres.StartAsync();
        await using var server = await ApiServer.StartAsync(new(TestDatabase.ProductionProbe), connectionString: postgres.ConnectionString);
        var (client, written) = await WriteSomeAsync(server);
        try
        {
            // The pool now holds idle connections: after the pause their next command hangs.
            postgres.Pause();
            await ExpectOutageAsync(server, client, "paused");
        }
        finally
        {
            postgres.Resume();
        }
        await ExpectRecoveryAsync(server, client, written, "paused", Stopwatch.StartNew());
    }

    static async Task<(HttpClient Client, List<string> Titles)> WriteSomeAsync(ApiServer server)
    {
        var (client, _) = await server.CreateUserClientAsync();
        var titles = Enumerable.Range(1, 5).Select(i => $"Before the outage {i}").ToList();
        foreach (var title in titles)
        {
            await client.CreateAsync(new { title, description = "Written while the database was up." });
        }
        return (client, titles);
    }

    async Task ExpectOutageAsync(ApiServer server, HttpClient client, string mode)
    {
        // Reads and a write, several times: the first ones meet the outage, later ones the known-down gate.
        for (var i = 0; i < 3; i++)
        {
            await ExpectUnavailableAsync(() => client.GetAsync(ArtifactClient.Root), $"{mode} GET #{i + 1}");
            await ExpectUnavailableAsync(
                () => client.PostAsJsonAsync(ArtifactClient.Root, new { title = "During the outage", description = "Refused." }),
                $"{mode} POST #{i + 1}");
        }

        var watch = Stopwatch.StartNew();
        using var health = await server.Client.GetAsync("/health");
        var elapsed = watch.Elapsed;
        var body = (await health.ReadJsonAsync())!;
        output.WriteLine($"{mode}: /health {(int)health.StatusCode} in {elapsed.TotalMilliseconds:F0} ms: {body.ToJsonString()}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.True(elapsed < FastAnswer, $"/health took {elapsed}");
        var database = body["checks"]!.AsObject().Single(c => c.Key.Contains("CvTailorDbContext", StringComparison.Ordinal));
        Assert.Equal("Unhealthy", database.Value!["status"]!.GetValue<string>());

        using var alive = await server.Client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    async Task ExpectUnavailableAsync(Func<Task<HttpResponseMessage>> send, string what)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        var elapsed = watch.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{what}: {(int)response.StatusCode} in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}");
        Assert.True(elapsed < FastAnswer, $"{what} took {elapsed}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(503, JsonNode.Parse(body)!["status"]!.GetValue<int>());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: no Retry-After");
    }

    async Task ExpectRecoveryAsync(ApiServer server, HttpClient client, List<string> written, string mode, Stopwatch since)
    {
        HttpStatusCode status;
        string body;
        do
        {
            using var response = await client.GetAsync(ArtifactClient.Root);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync();
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{mode} recovery: {(int)status} {body}");
            Assert.True(since.Elapsed < Recovery, $"{mode}: no recovery within {Recovery}");
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(50);
            }
        }
        while (status != HttpStatusCode.OK);
        output.WriteLine($"{mode}: 200 again {since.Elapsed.TotalMilliseconds:F0} ms after the database came back");

        var titles = JsonNode.Parse(body)!["results"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(written.Order().ToList(), titles);

        using var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Writes work again too.
        await client.CreateAsync(new { title = "After the outage", description = "Written after recovery." });
    }
}
