using CvTailor.Api.Http;
using CvTailor.Data;
using CvTailor.Data.Queue;
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

    /// <remarks>
    /// The original's Celery task moved the job through pending → processing → completed/failed. Here the work is the
    /// embedding job the upload enqueued, so while the stored job is still open its status follows that queue row
    /// (pending → pending, running → processing, done → completed, dead → failed).
    /// </remarks>
    public static async Task<IResult> GetAsync(int artifactId, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
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
        if (status is "pending" or "processing")
        {
            var queued = await db.EmbeddingJobs.AsNoTracking()
                .Where(j => j.UserId == user.Id && j.ArtifactId == artifactId && j.CreatedAt >= job.CreatedAt)
                .OrderByDescending(j => j.Id)
                .Select(j => new { j.Status, j.LastError, j.CompletedAt, j.UpdatedAt })
                .FirstOrDefaultAsync(ct);
            switch (queued?.Status)
            {
                case EmbeddingJobStatuses.Running:
                    status = "processing";
                    progress = Math.Max(progress, 50);
                    break;
                case EmbeddingJobStatuses.Done:
                    status = "completed";
                    progress = 100;
                    completedAt = queued.CompletedAt ?? queued.UpdatedAt;
                    break;
                case EmbeddingJobStatuses.Dead:
                    status = "failed";
                    error = queued.LastError ?? "Processing failed.";
                    completedAt = queued.UpdatedAt;
                    break;
            }
        }

        return TypedResults.Ok(new ProcessingStatusDto(
            artifactId, status, progress, error, artifact.Processed, artifact.Total, job.CreatedAt, completedAt));
    }
}
