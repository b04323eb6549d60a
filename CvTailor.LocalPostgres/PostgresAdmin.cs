using Npgsql;

namespace CvTailor.LocalPostgres;

/// <summary>Server-level statements shared by the local and the container PostgreSQL.</summary>
public static class PostgresAdmin
{
    /// <summary>Creates <paramref name="database"/> when it does not exist yet.</summary>
    public static async Task CreateDatabaseIfMissingAsync(string adminConnectionString, string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString + ";Pooling=false");
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // Identifiers cannot be parameters; quote it.
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }
}
