using System.ComponentModel.DataAnnotations;

namespace CvTailor.Embeddings.Worker;

/// <summary>The queue consumer, bound from <c>Embeddings:Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Embeddings:Worker";

    /// <summary>Off for an instance that only serves <c>/v1/embeddings</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs processed at once by this instance (each claims its own job).</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a claim holds a job; renewed every third of it while the job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Fallback when a notification is missed (listener reconnecting, notifications off).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; doubles per attempt (with ±20% jitter) up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delay before retrying a job whose artifact another worker is embedding right now (not an attempt).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BusyDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Test hook: sleep this long after embedding and before committing a job (widens the crash window).</summary>
    public TimeSpan PauseBeforeCommit { get; set; } = TimeSpan.Zero;
}
