using CvTailor.Data.Schema;

namespace CvTailor.Data.Queue;

/// <summary>
/// <c>embedding_jobs</c> (new, not in the original): the outbox/queue of embedding work. Rows are written in the same
/// transaction as the change that causes them, claimed with <c>FOR UPDATE SKIP LOCKED</c> under a lease
/// (<see cref="LockedUntil"/>), retried with back-off (<see cref="AvailableAt"/>) and dead-lettered after
/// <see cref="MaxAttempts"/>. An insert trigger sends <c>NOTIFY embedding_jobs, '&lt;id&gt;'</c>.
/// </summary>
public class EmbeddingJob : IAutoUpdatedAt
{
    public long Id { get; set; }
    public long UserId { get; set; }
    /// <summary>No foreign key: a delete must be able to enqueue work for the artifact it removes.</summary>
    public int ArtifactId { get; set; }
    /// <summary>One of <see cref="EmbeddingJobKinds"/>.</summary>
    public string Kind { get; set; } = EmbeddingJobKinds.ArtifactUpsert;
    /// <summary>One of <see cref="EmbeddingJobStatuses"/>.</summary>
    public string Status { get; set; } = EmbeddingJobStatuses.Pending;
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Earliest time a worker may claim the job (now, or later after a failed attempt).</summary>
    public DateTime AvailableAt { get; set; } = DateTime.UtcNow;
    /// <summary>Lease end while running; a job whose lease expired may be reclaimed.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    /// <summary>Hash of the content embedded, so the worker can skip work already done for the same content and model.</summary>
    public string? ContentHash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
}
