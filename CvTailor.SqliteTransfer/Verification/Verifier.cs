using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Npgsql;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>Builds the verification report from the source scans and a read of the target.</summary>
public static class Verifier
{
    /// <summary>Every table's row count and checksum, one set-based query per table in PostgreSQL.</summary>
    public static async Task<Dictionary<string, TargetTableScan.Summary>> TargetDigestsAsync(
        NpgsqlConnection target, IReadOnlyList<TablePlan> plans, BuiltInRows builtIns, ITransferProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(builtIns);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(progress);
        var digests = new Dictionary<string, TargetTableScan.Summary>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            digests[plan.Name] = await TargetTableScan.SummaryAsync(target, plan, builtIns.Kept(plan.Name), ct);
        }

        return digests;
    }

    /// <param name="builtIns">The built-in rows left out of <paramref name="targetDigests"/> (read again for a table that differs).</param>
    public static async Task<VerificationReport> CompareAsync(
        NpgsqlConnection target,
        NpgsqlTransaction? transaction,
        IReadOnlyList<SourceTableScan> scans,
        IReadOnlyDictionary<string, TargetTableScan.Summary> targetDigests,
        BuiltInRows builtIns,
        IReadOnlyDictionary<string, long> sourceOrphans,
        IReadOnlyDictionary<string, long> targetOrphans,
        MediaCheck? media,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(targetDigests);
        ArgumentNullException.ThrowIfNull(builtIns);
        var tables = new List<TableCheck>();
        foreach (var s in scans)
        {
            var summary = targetDigests[s.Plan.Name];
            var check = new TableCheck(s.Plan.Name, s.SourceRows, s.Skipped, summary.Rows, s.Digest!.Checksum, summary.Checksum);
            if (!check.Ok)
            {
                // Only a table that differs is read row by row (key and hash), to name its first differing rows.
                var rows = await TargetTableScan.RowsAsync(target, s.Plan, builtIns.Kept(s.Plan.Name), ct);
                check = check with { Mismatches = TableDigest.Mismatches(s.Digest, rows, TableCheck.MaxMismatches) };
            }

            tables.Add(check);
        }

        var plans = scans.Select(s => s.Plan).ToList();
        var foreignKeys = ForeignKeyScan.Constraints(plans)
            .Select(fk => new ForeignKeyCheck(fk.Name, fk.Table, fk.Column, fk.ReferencedTable,
                sourceOrphans.GetValueOrDefault(fk.Name), targetOrphans.GetValueOrDefault(fk.Name)))
            .ToList();

        var sequences = new List<SequenceCheck>();
        foreach (var scan in scans.Where(s => s.Plan.Identity is not null))
        {
            var expected = Math.Max(scan.MaxKey, scan.Plan.SourceSequence ?? 0);
            var actual = await TargetDatabase.IdentityHighWaterAsync(target, scan.Plan.Name, scan.Plan.Identity!.Name, transaction, ct);
            sequences.Add(new SequenceCheck(scan.Plan.Name, expected, actual));
        }

        return new VerificationReport(tables, foreignKeys, sequences, media);
    }
}
