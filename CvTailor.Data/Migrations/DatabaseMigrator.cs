using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CvTailor.Data;

/// <summary>
/// Applies the EF Core migrations, for the AppHost's run-once <c>migrate</c> step and for tests. Safe to run from
/// several processes at once: the work happens under a PostgreSQL advisory lock, and a second run is a no-op.
/// </summary>
public static partial class DatabaseMigrator
{
    /// <summary>Session-level advisory lock key ("CVTailor" in ASCII) held while migrating.</summary>
    public const long AdvisoryLockKey = 0x4356_5461_696C_6F72;

    /// <summary>
    /// Migrates the database at <paramref name="connectionString"/>, then reloads the Npgsql types of that connection
    /// string's pool so that <c>vector</c>, created by the first migration, is usable at once in this process.
    /// </summary>
    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await MigrateAsync(connection, logger, ct);
        }

        // A new physical connection loads the catalog again; existing pooled ones learnt the types before the extension existed.
        await using var fresh = new NpgsqlConnection(connectionString);
        await fresh.OpenAsync(ct);
        await fresh.ReloadTypesAsync(ct);
    }

    /// <summary>Migrates through <paramref name="dataSource"/>, then reloads its types (see the other overload).</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await MigrateAsync(connection, logger, ct);
        }

        await dataSource.ReloadTypesAsync(ct);
    }

    static async Task MigrateAsync(NpgsqlConnection connection, ILogger logger, CancellationToken ct)
    {
        LogWaitingForLock(logger, connection.Database);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", ct);
        try
        {
            await using var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(connection));
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(logger, connection.Database);
                return;
            }

            LogApplying(logger, pending.Count, connection.Database, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
            LogApplied(logger, pending.Count, connection.Database);
        }
        finally
        {
            // Not cancellable: the lock must be released even when the caller gave up.
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        command.CommandTimeout = 0; // waiting for another migrator is expected; the caller's token bounds it
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the migration lock on database {Database}")]
    static partial void LogWaitingForLock(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date")]
    static partial void LogUpToDate(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to database {Database}: {Migrations}")]
    static partial void LogApplying(ILogger logger, int count, string database, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to database {Database}")]
    static partial void LogApplied(ILogger logger, int count, string database);
}
