using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>Opens an original CV Tailor SQLite file read-only.</summary>
public static class SourceDatabase
{
    /// <summary>The 16 bytes every SQLite 3 database file starts with.</summary>
    static readonly byte[] s_header = "SQLite format 3\0"u8.ToArray();

    /// <exception cref="SourceFileException">The file is missing, empty or not a SQLite database.</exception>
    public static async Task<SqliteConnection> OpenAsync(string path, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new SourceFileException(path, "no such file");
        }

        if (file.Length == 0)
        {
            throw new SourceFileException(path, "the file is empty (0 bytes), not a SQLite database");
        }

        // SQLite would open a file of any content and fail only at the first read, or, for a file shorter than its
        // header, treat it as an empty database: check the header first.
        var header = new byte[s_header.Length];
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
        {
            if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct) < header.Length || !header.AsSpan().SequenceEqual(s_header))
            {
                throw new SourceFileException(path, "not a SQLite database (the file does not start with the SQLite header)");
            }
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var check = connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM sqlite_master";
            await check.ExecuteScalarAsync(ct);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new SourceFileException(path, $"not a readable SQLite database (SQLite error {ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')})", ex);
        }

        return connection;
    }
}
