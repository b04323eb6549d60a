namespace CvTailor.Embeddings.Worker;

/// <summary>A job this worker holds the lease of.</summary>
public sealed record ClaimedJob(
    long Id, long UserId, int ArtifactId, string Kind, int Attempts, int MaxAttempts, DateTime CreatedAt);
