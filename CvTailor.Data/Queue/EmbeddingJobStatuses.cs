namespace CvTailor.Data.Queue;

/// <summary>Values of <c>embedding_jobs.status</c>.</summary>
public static class EmbeddingJobStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    /// <summary>Gave up after <c>max_attempts</c>; kept for inspection and manual retry.</summary>
    public const string Dead = "dead";

    public static IReadOnlyList<string> All { get; } = [Pending, Running, Done, Dead];
}
