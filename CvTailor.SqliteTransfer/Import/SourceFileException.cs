namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// The source file itself is unusable — missing, empty, not a SQLite database, not an original CV Tailor database, or
/// damaged (a table whose pages cannot be read). The message names the file (and the table, when one is damaged).
/// </summary>
public sealed class SourceFileException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string SourcePath { get; } = path;

    /// <summary>The SQLite errors that mean the file's pages are damaged or not SQLite at all.</summary>
    public static bool IsDamage(Microsoft.Data.Sqlite.SqliteException ex) =>
        ex?.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase;

    /// <summary>
    /// A query over <paramref name="tables"/> failed because the file is damaged: names the first of them whose rows
    /// cannot all be read (a query may have touched only an index, so each is read whole; this is the error path only).
    /// </summary>
    public static SourceFileException Damaged(Microsoft.Data.Sqlite.SqliteConnection source, Microsoft.Data.Sqlite.SqliteException ex, params string[] tables)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ex);
        var table = tables.FirstOrDefault(t => !Readable(source, t)) ?? string.Join(" or ", tables);
        return new(source.DataSource, $"table {table} cannot be read, the file is damaged (SQLite error {ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')}). " +
            "Restore the file from a backup, or repair a copy with the sqlite3 shell's .recover, then import again.", ex);
    }

    static bool Readable(Microsoft.Data.Sqlite.SqliteConnection source, string table)
    {
        try
        {
            using var command = source.CreateCommand();
            command.CommandText = $"SELECT * FROM {Schema.Sql.Quote(table)}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    reader.GetValue(i);
                }
            }

            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (IsDamage(ex))
        {
            return false;
        }
    }

    const int SqliteCorrupt = 11;
    const int SqliteNotADatabase = 26;
}
