using CvTailor.Tests.Infrastructure;
using Npgsql;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>Small helpers over a fresh migrated database of the shared test cluster.</summary>
public static class TransferTestDatabase
{
    public static Task<string> CreateAsync() => TestPostgres.CreateDatabaseAsync("imp");

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = CvTailor.SqliteTransfer.Import.TargetDatabase.CreateDataSource(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default! : (T)result;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Row count of every table the importer fills, plus embedding_jobs.</summary>
    public static async Task<long> TotalRowsAsync(string connectionString, IEnumerable<string> tables)
    {
        long total = 0;
        foreach (var table in tables.Append("embedding_jobs"))
        {
            total += await ScalarAsync<long>(connectionString, $"SELECT count(*) FROM \"{table}\"");
        }

        return total;
    }
}
