using CvTailor.SqliteTransfer.Schema;
using Npgsql;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>Connections to the target and the few statements the import, verification and export share.</summary>
public static class TargetDatabase
{
    /// <summary>Advisory lock ("CVimport") held by an import's transaction, so two imports cannot interleave.</summary>
    public const long ImportLockKey = 0x4356_696D_706F_7274;

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

    /// <summary>
    /// Tables of <paramref name="plans"/> that already hold rows, with their counts. The built-in template rows the
    /// migrations seed (<see cref="BuiltInRows.Seeded"/>) are not data: an import may replace them.
    /// </summary>
    public static async Task<List<(string Table, long Rows)>> NonEmptyTablesAsync(
        NpgsqlConnection connection, IEnumerable<TablePlan> plans, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var found = new List<(string, long)>();
        var tables = plans.ToList();
        if (tables.Count == 0)
        {
            return found;
        }

        // One round trip: a count per table, as the columns of one row.
        var counts = tables.Select(plan =>
        {
            var seeded = BuiltInRows.Seeded.GetValueOrDefault(plan.Name);
            var where = seeded is null ? "" : $" WHERE id NOT BETWEEN {seeded.Min()} AND {seeded.Max()}";
            return $"(SELECT count(*) FROM {Sql.Quote(plan.Name)}{where})";
        });
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", counts)}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        for (var i = 0; i < tables.Count; i++)
        {
            if (reader.GetInt64(i) is var rows and > 0)
            {
                found.Add((tables[i].Name, rows));
            }
        }

        return found;
    }

    /// <summary>The last id the table's identity handed out, or will start after (its high-water mark).</summary>
    public static async Task<long> IdentityHighWaterAsync(NpgsqlConnection connection, string table, string column, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var name = new NpgsqlCommand("SELECT pg_get_serial_sequence(@t, @c)", connection, transaction);
        name.Parameters.AddWithValue("t", Sql.Quote(table));
        name.Parameters.AddWithValue("c", column);
        var sequence = (string)(await name.ExecuteScalarAsync(ct))!;
        await using var value = new NpgsqlCommand(
            $"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}", connection, transaction);
        return (long)(await value.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Sets each identity so its next id is its high-water mark + 1, all in one round trip. Transactional, unlike setval.
    /// </summary>
    public static async Task RestartIdentitiesAsync(
        NpgsqlConnection connection, IEnumerable<(string Table, string Column, long HighWater)> identities, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var sql = string.Join(";\n", identities.Select(i => $"ALTER TABLE {Sql.Quote(i.Table)} ALTER COLUMN {Sql.Quote(i.Column)} RESTART WITH {i.HighWater + 1}"));
        if (sql.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
