using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using CvTailor.Data.Queue;
using CvTailor.Api.HttpPipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>R8: the latest processing job of an artifact.</summary>
public static class ProcessingStatusEndpoint
{
    public sealed record ProcessingStatusDto(
        int ArtifactId,
        string Status,
        int ProgressPercentage,
        string ErrorMessage,
        int ProcessedEvidenceCount,
        int TotalEvidenceCount,
        DateTime CreatedAt,
        DateTime? CompletedAt);

    /// <summary>Progress shown while the links are checked but the artifact's embedding job is still open.</summary>
    public const int AwaitingEmbeddingProgress = 90;

    /// <summary>Hint while the embedding job is open: another service runs it, so this process cannot estimate it.</summary>
    public static readonly TimeSpan AwaitingEmbeddingRetry = TimeSpan.FromSeconds(1);

    /// <remarks>
    /// The stored job is the artifact processing job (PDF metadata, link checks, GitHub analysis) as the contract says.
    /// The artifact is only searchable and usable for generation once its embedding job is done too, so a completed
    /// processing job reads <c>completed</c> only when the artifact's embedding job opened with it (or later) is done;
    /// while that one is pending or running the answer is <c>processing</c> at 90 %, and a dead one is <c>failed</c>
    /// with the worker's last error. A pending, running or failed processing job is reported as stored. An unfinished
    /// answer (pending or processing) carries a hint of when to ask again (<see cref="RetryHint"/>): the job's expected
    /// remaining time (<see cref="ProcessingPace"/>), or <see cref="AwaitingEmbeddingRetry"/> while the embedding job is open.
    /// </remarks>
    public static async Task<Results<Ok<ProcessingStatusDto>, NotFound<ApiErrorMessage>>> GetAsync(
        int artifactId, CurrentUser user, CvTailorDbContext db, ProcessingPace pace, HttpResponse response, CancellationToken ct)
    {
        var artifact = await db.Artifacts.AsNoTracking()
            .Where(a => a.Id == artifactId && a.UserId == user.Id)
            .Select(a => new
            {
                Job = a.ProcessingJobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).FirstOrDefault(),
                Total = a.EvidenceLinks.Count,
                Processed = a.EvidenceLinks.Count(l => l.LastValidated != null),
            })
            .SingleOrDefaultAsync(ct);
        if (artifact is null)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.ArtifactNotFound);
        }
        if (artifact.Job is not { } job)
        {
            return ArtifactResults.NotFoundError(ArtifactMessages.NoProcessingJob);
        }

        var status = job.Status;
        var progress = job.ProgressPercentage;
        var error = job.ErrorMessage;
        var completedAt = job.CompletedAt;
        if (status == ArtifactProcessingStatuses.Completed)
        {
            var queued = await db.EmbeddingJobs.AsNoTracking()
                .Where(j => j.UserId == user.Id && j.ArtifactId == artifactId && j.CreatedAt >= job.CreatedAt)
                .OrderByDescending(j => j.Id)
                .Select(j => new { j.Status, j.LastError, j.CompletedAt, j.UpdatedAt })
                .FirstOrDefaultAsync(ct);
            switch (queued?.Status)
            {
                case EmbeddingJobStatuses.Pending or EmbeddingJobStatuses.Running:
                    status = ArtifactProcessingStatuses.Processing;
                    progress = AwaitingEmbeddingProgress;
                    completedAt = null;
                    RetryHint.Set(response, AwaitingEmbeddingRetry);
                    break;
                case EmbeddingJobStatuses.Done:
                    var embedded = queued.CompletedAt ?? queued.UpdatedAt;
                    completedAt = completedAt is { } processed && processed > embedded ? processed : embedded;
                    break;
                case EmbeddingJobStatuses.Dead:
                    status = ArtifactProcessingStatuses.Failed;
                    error = queued.LastError ?? "Processing failed.";
                    completedAt = queued.UpdatedAt;
                    break;
            }
        }
        else if (status is ArtifactProcessingStatuses.Pending or ArtifactProcessingStatuses.Processing)
        {
            RetryHint.Set(response, pace.Remaining(job.Id, status, progress));
        }

        return TypedResults.Ok(new ProcessingStatusDto(
            artifactId, status, progress, error, artifact.Processed, artifact.Total, job.CreatedAt, completedAt));
    }
}
