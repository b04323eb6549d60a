using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Npgsql;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>
/// Reads one target table (the columns the source has) and builds its checksum like the source side does, leaving out
/// the rows with <c>excludedIds</c> (built-in templates the source does not have).
/// </summary>
public static class TargetTableScan
{
    public static async Task<TableDigest> DigestAsync(NpgsqlConnection connection, TablePlan plan, IReadOnlyList<long> excludedIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(excludedIds);
        var digest = new TableDigest();
        var canonical = new CanonicalRow();
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", plan.Columns.Select(c => OriginalColumnSql.For(plan.Name, c.Name)))} FROM {Sql.Quote(plan.Name)}" +
            (excludedIds.Count > 0 ? " WHERE id <> ALL(@excluded)" : ""), connection);
        if (excludedIds.Count > 0)
        {
            command.Parameters.AddWithValue("excluded", excludedIds.ToArray());
        }

        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            canonical.Reset();
            object? key = null;
            for (var i = 0; i < plan.Columns.Count; i++)
            {
                var value = TargetValueReader.Read(reader, i, plan.Columns[i], canonical);
                if (i == plan.PrimaryKeyIndex)
                {
                    key = value;
                }
            }

            digest.Add(SortKey.From(key), canonical, key);
        }

        return digest;
    }
}
