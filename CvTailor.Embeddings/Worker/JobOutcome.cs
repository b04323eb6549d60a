namespace CvTailor.Embeddings.Worker;

/// <summary>How a job ended.</summary>
public enum JobOutcome
{
    /// <summary>Vectors written (new or changed content).</summary>
    Embedded,

    /// <summary>Content and model unchanged since the last embedding: nothing re-embedded.</summary>
    Unchanged,

    /// <summary>The artifact is gone: its vectors were removed.</summary>
    Deleted,

    /// <summary>Another job holds the artifact right now; the job goes back to the queue without spending an attempt.</summary>
    Busy,

    /// <summary>This worker's lease was taken over (it stalled past the lease); its work was rolled back.</summary>
    LostLease,
}
