using Npgsql;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// The PostgreSQL server: the <c>pgvector/pgvector:pg17</c> container when a Docker engine answers, otherwise a local
/// cluster from the machine's binaries (<see cref="LocalPostgresServer"/>), persistent across runs.
/// </summary>
public sealed class PostgresServerResource(string name, string stateDirectory) : Resource(name)
{
    LocalPostgresServer? _local;
    DockerPostgresServer? _docker;
    CancellationTokenSource? _healthLoop;

    public string StateDirectory { get; set; } = stateDirectory;
    public bool PgVector { get; set; }
    public int Port { get; set; }
    public PostgresMode Mode { get; set; } = PostgresMode.Auto;

    public override string Type => _docker is not null ? "Container" : "Executable";

    public override IReadOnlyList<string> Endpoints =>
        ServerPort is { } p ? [$"tcp://127.0.0.1:{p}"] : [];

    int? ServerPort => _local?.Port ?? _docker?.Port;

    public string GetConnectionString(string database) =>
        _local?.GetConnectionString(database) ?? _docker?.GetConnectionString(database)
        ?? throw new InvalidOperationException($"'{Name}' is not running.");

    public override async Task StartAsync(CancellationToken ct)
    {
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Starting);
        try
        {
            if (Mode != PostgresMode.Local && await DockerPostgresServer.IsEngineAvailableAsync(ct))
            {
                _docker = await DockerPostgresServer.StartAsync(Name, Port, StateDirectory, line => Log(line), ct);
            }
            else if (Mode == PostgresMode.Docker)
            {
                throw new InvalidOperationException("Postgres:Mode is Docker but no Docker engine answers.");
            }
            else
            {
                _local = await LocalPostgresServer.StartAsync(
                    new PostgresLauncherOptions { StateDirectory = StateDirectory, Port = Port },
                    line => Log(line),
                    ct);
                _ = WatchExitAsync(_local);
            }
            if (PgVector)
            {
                await EnsureVectorAvailableAsync(ct);
            }
            SetState(ResourceState.Healthy);
            Health = "Healthy";
            _healthLoop = new CancellationTokenSource();
            _ = HealthLoopAsync(_healthLoop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(ex.Message, isError: true);
            SetState(ResourceState.FailedToStart, ex.Message);
        }
    }

    async Task EnsureVectorAvailableAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(GetConnectionString("postgres") + ";Pooling=false");
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'", conn);
        if (await cmd.ExecuteScalarAsync(ct) is null)
        {
            throw new InvalidOperationException("The pgvector extension is not available to this server (run eng/provision-postgres.sh).");
        }
    }

    async Task WatchExitAsync(LocalPostgresServer server)
    {
        await server.Exited;
        if (State is ResourceState.Healthy or ResourceState.Unhealthy)
        {
            Health = "Unhealthy";
            SetState(ResourceState.Exited, "PostgreSQL exited unexpectedly");
        }
    }

    async Task HealthLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                await using var conn = new NpgsqlConnection(GetConnectionString("postgres") + ";Pooling=false;Timeout=3");
                await conn.OpenAsync(ct);
                if (State == ResourceState.Unhealthy)
                {
                    Health = "Healthy";
                    SetState(ResourceState.Healthy);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException ex) when (State == ResourceState.Healthy)
            {
                Health = "Unhealthy";
                SetState(ResourceState.Unhealthy, ex.Message);
            }
            catch (NpgsqlException)
            {
                // Already reported.
            }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        SetState(ResourceState.Stopping);
        if (_healthLoop is not null)
        {
            await _healthLoop.CancelAsync();
        }
        if (_local is not null)
        {
            await _local.StopAsync(TimeSpan.FromSeconds(30));
            _local = null;
        }
        if (_docker is not null)
        {
            await _docker.StopAsync(ct);
            _docker = null;
        }
        Health = null;
        SetState(ResourceState.Stopped);
    }
}

/// <summary>Where PostgreSQL runs: Docker when an engine answers (Auto), or forced.</summary>
public enum PostgresMode
{
    Auto,
    Docker,
    Local,
}
