using System.Globalization;
using CvTailor.LocalPostgres;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL of one test's own (never the shared test cluster), on a fixed port so it can be stopped and
/// started again, or paused as a whole (postmaster and every backend: SIGSTOP) and resumed (SIGCONT).
/// </summary>
public sealed class OutagePostgres : IAsyncDisposable
{
    readonly PostgresLauncherOptions _options;
    readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    LocalPostgresServer _server;
    bool _paused;

    OutagePostgres(PostgresLauncherOptions options, LocalPostgresServer server)
    {
        _options = options;
        _server = server;
    }

    /// <summary>Connection string of the migrated <c>cvtailor</c> database.</summary>
    public string ConnectionString => _server.GetConnectionString("cvtailor");

    public static async Task<OutagePostgres> StartAsync()
    {
        var options = new PostgresLauncherOptions
        {
            StateDirectory = Path.Combine(Path.GetTempPath(), $"cvtailor-outage-pg-{Guid.NewGuid():N}"),
            Port = LocalPostgresServer.FreePort(),
            Ephemeral = true,
        };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var server = await LocalPostgresServer.StartAsync(options, output.Enqueue, CancellationToken.None);
        var postgres = new OutagePostgres(options, server);
        await server.CreateDatabaseAsync("cvtailor", CancellationToken.None);
        await TestPostgres.MigrateAsync(server.GetConnectionString("cvtailor") + ";Pooling=false", CancellationToken.None);
        return postgres;
    }

    /// <summary>Fast shutdown: new connections are refused, pooled ones are broken.</summary>
    public Task StopAsync() => _server.StopAsync(TimeSpan.FromSeconds(15));

    /// <summary>Starts the same cluster again on the same port.</summary>
    public async Task RestartAsync()
    {
        await _server.DisposeAsync();
        _server = await LocalPostgresServer.StartAsync(_options, _output.Enqueue, CancellationToken.None);
    }

    /// <summary>Freezes every process of the server: connects hang, pooled connections hang on their next command.</summary>
    public void Pause()
    {
        var pid = _server.ProcessId ?? throw new InvalidOperationException("PostgreSQL is not running.");
        // The postmaster first, so it forks no new backend; then its children (each backend is a session leader of
        // its own, so signalling the postmaster's process group would miss them).
        _paused = true;
        Assert.True(UnixSignals.Send(pid, UnixSignals.SigStop), "SIGSTOP failed");
        foreach (var child in ChildrenOf(pid))
        {
            UnixSignals.Send(child, UnixSignals.SigStop);
        }
    }

    public void Resume()
    {
        if (_paused && _server.ProcessId is { } pid)
        {
            foreach (var child in ChildrenOf(pid))
            {
                UnixSignals.Send(child, UnixSignals.SigCont);
            }
            UnixSignals.Send(pid, UnixSignals.SigCont);
        }
        _paused = false;
    }

    static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so count from its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return children;
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_options.StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the temp root.
        }
    }
}
