using CvTailor.Api.BackgroundWork;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>Artifact processing jobs (<c>artifacts_artifactprocessingjob</c> rows) waiting to run.</summary>
public sealed class ArtifactProcessingChannel : WorkChannel;

/// <summary>
/// The artifact processing worker (<see cref="EvidenceOptions.Concurrency"/> jobs at once). With
/// <see cref="EvidenceOptions.WorkerEnabled"/> off, jobs stay <c>pending</c> (another replica, or a later start, runs them).
/// </summary>
public sealed class ArtifactProcessingWorker(
    ArtifactProcessingChannel queue, IServiceScopeFactory scopes, IOptions<EvidenceOptions> options, ILogger<ArtifactProcessingWorker> logger)
    : WorkChannelService<ArtifactProcessingRunner>(queue, scopes, () => options.Value.Concurrency, logger)
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.WorkerEnabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;
}

/// <summary>
/// Lost processing work, found by the retention sweep: <c>pending</c> rows go back on the channel, <c>processing</c>
/// rows whose process died are marked failed.
/// </summary>
public sealed class ArtifactProcessingRecovery(ArtifactProcessingChannel channel, TimeProvider time) : IWorkRecovery
{
    const int BatchSize = 500;

    public async Task RecoverAsync(CvTailorDbContext db, DateTime requeueBefore, DateTime abandonBefore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var id in await db.ArtifactProcessingJobs
                     .Where(j => j.Status == ArtifactProcessingStatuses.Pending && j.CreatedAt <= requeueBefore)
                     .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(BatchSize).ToListAsync(ct))
        {
            channel.Enqueue(id);
        }
        await db.ArtifactProcessingJobs
            .Where(j => j.Status == ArtifactProcessingStatuses.Processing && j.CreatedAt < abandonBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ArtifactProcessingStatuses.Failed)
                .SetProperty(j => j.ErrorMessage, "Processing was interrupted.")
                .SetProperty(j => j.CompletedAt, time.UtcNow()), ct);
    }
}

/// <summary>The job row's <c>status</c> values (contract: pending → processing → completed / failed).</summary>
public static class ArtifactProcessingStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
