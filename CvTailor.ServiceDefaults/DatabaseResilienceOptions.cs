using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Database:*</c>: how long a service waits for PostgreSQL and how often EF Core retries a transient failure. The
/// defaults keep a request's worst case short when the database is down, instead of Npgsql's 15 s connect timeout
/// and EF's six retries. A Timeout other than Npgsql's default in the connection string wins over <see cref="ConnectTimeout"/>.
/// </summary>
public sealed class DatabaseResilienceOptions
{
    public const string SectionName = "Database";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxRetryCount { get; set; } = 2;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public void Apply(NpgsqlConnectionStringBuilder connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // 15 s is Npgsql's default: the connection string did not choose.
        if (connection.Timeout == 15)
        {
            connection.Timeout = (int)Math.Max(1, Math.Ceiling(ConnectTimeout.TotalSeconds));
        }
    }
}
