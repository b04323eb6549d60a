using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using Npgsql;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>Builds the verification report from the source scans and a read of the target.</summary>
public static class Verifier
{
    public static async Task<Dictionary<string, TableDigest>> TargetDigestsAsync(
        NpgsqlConnection target, IReadOnlyList<TablePlan> plans, BuiltInRows builtIns, ITransferProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(builtIns);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(progress);
        var digests = new Dictionary<string, TableDigest>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            digests[plan.Name] = await TargetTableScan.DigestAsync(target, plan, builtIns.Kept(plan.Name), ct);
        }

        return digests;
    }

    public static async Task<VerificationReport> CompareAsync(
        NpgsqlConnection target,
        NpgsqlTransaction? transaction,
        IReadOnlyList<SourceTableScan> scans,
        IReadOnlyDictionary<string, TableDigest> targetDigests,
        IReadOnlyDictionary<string, long> sourceOrphans,
        IReadOnlyDictionary<string, long> targetOrphans,
        MediaCheck? media,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(targetDigests);
        var tables = scans.Select(s =>
        {
            var check = new TableCheck(s.Plan.Name, s.SourceRows, s.Skipped, targetDigests[s.Plan.Name].Rows, s.Digest!.Finish(), targetDigests[s.Plan.Name].Finish());
            return check.Ok ? check : check with { Mismatches = TableDigest.Mismatches(s.Digest, targetDigests[s.Plan.Name], TableCheck.MaxMismatches) };
        }).ToList();

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
