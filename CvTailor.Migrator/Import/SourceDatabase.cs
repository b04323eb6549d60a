using Microsoft.Data.Sqlite;

namespace CvTailor.Migrator.Import;

/// <summary>Opens an original CV Tailor SQLite file read-only.</summary>
public static class SourceDatabase
{
    public static async Task<SqliteConnection> OpenAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"SQLite file {path} does not exist.", path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var check = connection.CreateCommand();
        try
        {
            check.CommandText = "SELECT count(*) FROM sqlite_master";
            await check.ExecuteScalarAsync(ct);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new InvalidDataException($"{path} is not a SQLite database: {ex.Message}", ex);
        }

        return connection;
    }
}
