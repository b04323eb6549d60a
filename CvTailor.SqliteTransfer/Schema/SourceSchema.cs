using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Schema;

/// <summary>Tables, columns, row counts and AUTOINCREMENT high-water marks of an original CV Tailor SQLite file.</summary>
public sealed record SourceSchema(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Columns,
    IReadOnlyDictionary<string, long> RowCounts,
    IReadOnlyDictionary<string, long> Sequences,
    bool HasFinalMigration)
{
    public static async Task<SourceSchema> ReadAsync(SqliteConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var list = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT name FROM pragma_table_info({Sql.Literal(name)}) ORDER BY cid";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(reader.GetString(0));
                }
            }

            columns[name] = list;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT count(*) FROM {Sql.Quote(name)}";
                try
                {
                    counts[name] = (long)(await command.ExecuteScalarAsync(ct))!;
                }
                catch (SqliteException ex) when (Import.SourceFileException.IsDamage(ex))
                {
                    throw Import.SourceFileException.Damaged(connection, ex, name);
                }
            }
        }

        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await ExistsAsync(connection, "sqlite_sequence", ct))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, seq FROM sqlite_sequence";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                sequences[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
        }

        var final = false;
        if (columns.ContainsKey("django_migrations"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM django_migrations WHERE app = 'llm_services' AND name LIKE '0003%'";
            final = (long)(await command.ExecuteScalarAsync(ct))! > 0;
        }

        return new SourceSchema(columns, counts, sequences, final);
    }

    /// <summary>The table every original CV Tailor database has (Django's custom user model).</summary>
    public const string MarkerTable = "accounts_user";

    /// <summary>A readable SQLite file that is not the original app's database (no user table) is refused, not "imported".</summary>
    /// <exception cref="Import.SourceFileException">The file has no <see cref="MarkerTable"/>.</exception>
    public void EnsureOriginal(string path)
    {
        if (!Columns.ContainsKey(MarkerTable))
        {
            throw new Import.SourceFileException(path, Columns.Count == 0
                ? "a SQLite database without any table, not an original CV Tailor database"
                : $"a SQLite database, but not an original CV Tailor database (it has no {MarkerTable} table)");
        }
    }

    static async Task<bool> ExistsAsync(SqliteConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name = {Sql.Literal(table)}";
        return (long)(await command.ExecuteScalarAsync(ct))! > 0;
    }
}
