using System.Diagnostics;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Verification;

/// <summary>
/// <c>import-sqlite --verify-only</c> (and the export's self-check): compares a SQLite file with the target without
/// writing anything. The source scan and the target read run side by side.
/// </summary>
public static class SqliteVerifier
{
    public static async Task<ImportResult> RunAsync(ImportOptions options, ITransferProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        try
        {
            return await RunAsync(options, progress, total, ct);
        }
        catch (SourceFileException ex)
        {
            return new ImportResult(ImportOutcome.InvalidSource, [ex.Message], [], [], [], 0, null, TimeSpan.Zero, total.Elapsed);
        }
    }

    static async Task<ImportResult> RunAsync(ImportOptions options, ITransferProgress progress, Stopwatch total, CancellationToken ct)
    {
        await using var source = await SourceDatabase.OpenAsync(options.SourcePath, ct);
        var sourceSchema = await SourceSchema.ReadAsync(source, ct);
        sourceSchema.EnsureOriginal(options.SourcePath);
        await using var dataSource = TargetDatabase.CreateDataSource(options.TargetConnectionString);
        await using var target = await dataSource.OpenConnectionAsync(ct);
        var plan = TransferPlan.Create(sourceSchema, await TargetCatalog.ReadAsync(target, ct));
        if (plan.Errors.Count > 0)
        {
            return new ImportResult(ImportOutcome.InvalidSource, plan.Errors, plan.Notes, [], [], 0, null, TimeSpan.Zero, total.Elapsed);
        }

        var sourceOrphans = await ForeignKeyScan.SourceAsync(source, plan.Tables, ct);
        var builtIns = await BuiltInRows.ReadAsync(source, plan.Tables, ct);
        var skips = new SkipRegistry();
        var scans = plan.Tables.Select(t => new SourceTableScan(t, skips, null, digest: true)).ToList();
        progress.Phase("verification");
        var sourceSide = Task.Factory.StartNew(() => ScanAll(source, scans, progress, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Dictionary<string, TargetTableScan.Summary> digests;
        try
        {
            digests = await Verifier.TargetDigestsAsync(target, plan.Tables, builtIns, progress, ct);
        }
        finally
        {
            await sourceSide.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        try
        {
            await sourceSide;
        }
        catch (SourceDataException ex)
        {
            return new ImportResult(ImportOutcome.InvalidSource, [ex.Message], plan.Notes, [], [], 0, null, TimeSpan.Zero, total.Elapsed);
        }

        var targetOrphans = await ForeignKeyScan.TargetAsync(target, plan.Tables, ct);
        MediaCheck? media = null;
        if (options.MediaDirectory is not null && !string.IsNullOrWhiteSpace(options.StorageRoot))
        {
            media = await MediaFiles.Open(options.MediaDirectory, options.StorageRoot).VerifyAsync(await MediaFiles.ReferencedAsync(source, ct), ct);
        }

        var report = await Verifier.CompareAsync(target, null, scans, digests, builtIns, sourceOrphans, targetOrphans, media, ct);
        var loads = scans.Select(s => new TableLoad(s.Plan.Name, s.SourceRows, digests[s.Plan.Name].Rows, s.Skipped, TimeSpan.Zero)).ToList();
        return new ImportResult(
            report.Ok ? ImportOutcome.Imported : ImportOutcome.VerificationFailed,
            report.Ok ? [] : report.Differences().ToList(),
            plan.Notes, loads, skips.Rows, 0, report, TimeSpan.Zero, total.Elapsed);
    }

    static void ScanAll(SqliteConnection source, List<SourceTableScan> scans, ITransferProgress progress, CancellationToken ct)
    {
        foreach (var scan in scans)
        {
            var bar = progress.StartTable(scan.Plan.Name, scan.Plan.SourceRows);
            var watch = Stopwatch.StartNew();
            scan.Run(source, null, ct);
            bar.Complete(scan.SourceRows, watch.Elapsed);
        }
    }
}
