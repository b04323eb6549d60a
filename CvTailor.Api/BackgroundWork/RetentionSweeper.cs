using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Export.Jobs;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// The periodic clean-up the original defined but never scheduled (contract §3): deletes generated documents past
/// their <c>expires_at</c> (90 days) with their exports, and export files past theirs (24 hours). It also recovers
/// queue work lost with a process: unclaimed 'processing' rows are queued again (at start-up all of them, later those
/// older than <see cref="GenerationOptions.RequeueAfter"/>), and claimed rows older than
/// <see cref="GenerationOptions.AbandonAfter"/> are marked failed. Every step is idempotent, so replicas may overlap.
/// </summary>
public sealed partial class RetentionSweeper(
    IServiceScopeFactory scopes, GenerationChannel generations, ExportChannel exports, IOptions<GenerationOptions> options,
    IEnumerable<IWorkRecovery> recoveries, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(first, stoppingToken);
                first = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SweepAsync(bool startup, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CvTailorDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<FileStorage>();
        var now = time.UtcNow();
        var o = options.Value;

        // Expired documents and their exports' files.
        // Rows the importer held (ImportHold) stay until the operator releases them.
        var expiredDocuments = await db.GeneratedDocuments.Where(d => d.ExpiresAt != null && d.ExpiresAt < now && !d.Status.StartsWith(ImportHold.StatusPrefix))
            .OrderBy(d => d.ExpiresAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (expiredDocuments.Count > 0)
        {
            var paths = await db.ExportJobs.Where(j => expiredDocuments.Contains(j.GeneratedDocumentId) && j.FilePath != "")
                .Select(j => j.FilePath).ToListAsync(ct);
            await db.GeneratedDocuments.Where(d => expiredDocuments.Contains(d.Id)).ExecuteDeleteAsync(ct);
            ExportFiles.DeleteAll(files, paths);
        }

        // Expired export files and their jobs.
        var expiredExports = await db.ExportJobs.Where(j => j.ExpiresAt != null && j.ExpiresAt < now && !j.Status.StartsWith(ImportHold.StatusPrefix))
            .OrderBy(j => j.ExpiresAt).Select(j => new { j.Id, j.FilePath }).Take(BatchSize).ToListAsync(ct);
        if (expiredExports.Count > 0)
        {
            var ids = expiredExports.Select(e => e.Id).ToList();
            await db.ExportJobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(ct);
            ExportFiles.DeleteAll(files, expiredExports.Select(e => e.FilePath).Where(p => p.Length > 0));
        }

        // Lost queue work.
        var requeueBefore = startup ? now : now - o.RequeueAfter;
        foreach (var id in await db.GeneratedDocuments.Where(d => d.Status == GenerationStatuses.Processing && d.ProgressPercentage == 0 && d.CreatedAt <= requeueBefore)
                     .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct))
        {
            generations.Enqueue(id);
        }
        foreach (var id in await db.ExportJobs.Where(j => j.Status == ExportStatuses.Processing && j.ProgressPercentage == 0 && j.CreatedAt <= requeueBefore)
                     .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(BatchSize).ToListAsync(ct))
        {
            exports.Enqueue(id);
        }
        var abandonBefore = now - o.AbandonAfter;
        await db.GeneratedDocuments
            .Where(d => d.Status == GenerationStatuses.Processing && d.ProgressPercentage > 0 && d.CreatedAt < abandonBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, GenerationStatuses.Failed)
                .SetProperty(d => d.ErrorMessage, "Generation was interrupted; please start it again.")
                .SetProperty(d => d.CompletedAt, now), ct);
        await db.ExportJobs
            .Where(j => j.Status == ExportStatuses.Processing && j.ProgressPercentage > 0 && j.CreatedAt < abandonBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportStatuses.Failed)
                .SetProperty(j => j.ErrorMessage, "Export was interrupted; please start it again.")
                .SetProperty(j => j.CompletedAt, now), ct);
        // Other queues' lost work (e.g. artifact processing), with the same thresholds.
        foreach (var recovery in recoveries)
        {
            await recovery.RecoverAsync(db, requeueBefore, abandonBefore, ct);
        }
        if (expiredDocuments.Count + expiredExports.Count > 0)
        {
            LogSwept(logger, expiredDocuments.Count, expiredExports.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {Documents} expired documents and {Exports} expired exports")]
    static partial void LogSwept(ILogger logger, int documents, int exports);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; retrying at the next interval")]
    static partial void LogSweepFailed(ILogger logger, Exception exception);
}
