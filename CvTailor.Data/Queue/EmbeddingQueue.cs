using System.Diagnostics.CodeAnalysis;

namespace CvTailor.Data.Queue;

/// <summary>Queue primitives for producers of embedding work.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue.")]
public static class EmbeddingQueue
{
    /// <summary>
    /// Adds a pending job to <paramref name="db"/>; it is written by the caller's <c>SaveChanges</c>, so it commits or
    /// rolls back with the change that caused it (outbox). The insert trigger wakes listening workers.
    /// </summary>
    public static async Task<EmbeddingJob> EnqueueAsync(
        CvTailorDbContext db, long userId, int artifactId, string kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!EmbeddingJobKinds.All.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown embedding job kind.");
        }

        var now = DateTime.UtcNow;
        var job = new EmbeddingJob
        {
            UserId = userId,
            ArtifactId = artifactId,
            Kind = kind,
            Status = EmbeddingJobStatuses.Pending,
            AvailableAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.EmbeddingJobs.AddAsync(job, ct);
        return job;
    }
}
