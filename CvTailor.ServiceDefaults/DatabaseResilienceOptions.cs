using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Database:*</c>: how long a service waits for PostgreSQL, how often EF Core retries, and how the availability
/// probe (<see cref="DatabaseAvailability"/>) watches the server. The defaults keep a request's worst case near 2 s
/// when the database is stopped or hung, instead of Npgsql's 15 s connect timeout and EF's six retries. A Timeout
/// other than Npgsql's default in the connection string wins over <see cref="ConnectTimeout"/>.
/// </summary>
public sealed class DatabaseResilienceOptions
{
    public const string SectionName = "Database";

    /// <summary>Connect timeout of the services' pool (whole seconds, at least 1).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// EF Core retries of a transient failure. Off by default: a retried transaction whose COMMIT reached the server
    /// but whose answer was lost would run twice; the caller gets 503 with Retry-After and decides instead.
    /// </summary>
    public int MaxRetryCount { get; set; }

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the probe asks the server while it answers.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the probe asks while the server is known to be down (recovery is seen this fast).</summary>
    public TimeSpan OutageProbeInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A probe (connect or <c>SELECT 1</c>) slower than this marks the database unavailable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of the database health check, so <c>/health</c> answers even when the server hangs.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Statements each pooled connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>; 0 = none). EF Core sends
    /// the same few dozen statements over and over; unprepared, the server parses and plans each one every time
    /// (api-bench artifact-processing: PostgreSQL CPU per artifact 8–16 ms unprepared, 6–8 ms prepared). A value in
    /// the connection string wins.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>The connection string as the services use it (for tools and benches that talk to the same database).</summary>
    public string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Apply(builder);
        return builder.ConnectionString;
    }

    public void Apply(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // 15 s is Npgsql's default: the connection string did not choose.
        if (connection.Timeout == 15)
        {
            connection.Timeout = (int)Math.Max(1, Math.Ceiling(ConnectTimeout.TotalSeconds));
        }
        // A cancelled command (client gone, outage detected) breaks its connection at once instead of waiting up to
        // 2 s for a hung server to confirm the cancellation; the pool opens a new one.
        if (connection.CancellationTimeout == 2000)
        {
            connection.CancellationTimeout = -1;
        }
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = Math.Max(0, MaxAutoPrepare);
        }
    }
}
