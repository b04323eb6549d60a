using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;

namespace CvTailor.SqliteTransfer.Bench;

/// <summary>
/// What a generated source database holds, for the benchmarks to check each tool's result against: rows per carried
/// table, and the built-in rows the target already has (kept, not loaded again).
/// </summary>
public sealed record BenchSource(Dictionary<string, long> Counts, BuiltInRows BuiltIns)
{
    public static async Task<BenchSource> ReadAsync(string file, CancellationToken ct)
    {
        await using var source = await SourceDatabase.OpenAsync(file, ct);
        var counts = (await SourceSchema.ReadAsync(source, ct)).RowCounts
            .Where(kv => !TransferPlan.NotCarried.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new BenchSource(counts, await BuiltInRows.ReadAsync(source, counts.Keys, ct));
    }
}
