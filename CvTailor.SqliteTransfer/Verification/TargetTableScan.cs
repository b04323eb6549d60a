using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Npgsql;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>
/// One target table's row count and checksum, computed by PostgreSQL in one set-based query (each row's
/// <see cref="RowImage"/> hashed where it lies, combined with <c>bit_xor</c>): nothing is read back row by row. Only
/// when a table differs are its keys and row hashes read, to name the rows that differ. Rows with
/// <c>excludedIds</c> (built-in templates the source does not have) are left out.
/// </summary>
public static class TargetTableScan
{
    public sealed record Summary(long Rows, string Checksum);

    public static async Task<Summary> SummaryAsync(NpgsqlConnection connection, TablePlan plan, IReadOnlyList<long> excludedIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(excludedIds);
        // The row's hash appears once in the query: a subquery naming it would be flattened and the hash computed per use.
        await using var command = Command(connection, plan, excludedIds,
            "SELECT count(*), coalesce(sum(('x' || left(encode({0}, 'hex'), 16))::bit(64)::bigint), 0) FROM {1}{2}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        // sum(bigint) is an exact numeric (at most 2^63 × rows: well inside decimal's range); the digest keeps it mod 2^64.
        return new Summary(reader.GetInt64(0), TableDigest.ChecksumOf((Int128)reader.GetDecimal(1)));
    }

    /// <summary>Every row's primary key and hash (for naming the rows of a table that differs).</summary>
    public static async Task<TableDigest> RowsAsync(NpgsqlConnection connection, TablePlan plan, IReadOnlyList<long> excludedIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(excludedIds);
        var key = plan.PrimaryKeyIndex >= 0 ? Sql.Quote(plan.Columns[plan.PrimaryKeyIndex].Name) : "NULL";
        await using var command = Command(connection, plan, excludedIds, $"SELECT {key}, {{0}} FROM {{1}}{{2}}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var digest = new TableDigest();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.IsDBNull(0) ? null : reader.GetValue(0) switch
            {
                short s => (long)s,
                int i => (long)i,
                var other => other,
            };
            digest.Add(SortKey.From(id), reader.GetFieldValue<byte[]>(1), id);
        }

        return digest;
    }

    static NpgsqlCommand Command(NpgsqlConnection connection, TablePlan plan, IReadOnlyList<long> excludedIds, string format)
    {
        var hash = RowImage.HashSql(plan.Columns, c => OriginalColumnSql.For(plan.Name, c.Name));
        var where = excludedIds.Count > 0 ? " WHERE id <> ALL(@excluded)" : "";
        var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, hash, Sql.Quote(plan.Name), where), connection)
        {
            CommandTimeout = 0,
        };
        if (excludedIds.Count > 0)
        {
            command.Parameters.AddWithValue("excluded", excludedIds.ToArray());
        }

        return command;
    }
}
