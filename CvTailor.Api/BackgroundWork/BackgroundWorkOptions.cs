namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// How the in-process queues run and recover. Bound from the <c>Generation</c> section, where these keys were first
/// documented (<c>Generation:Concurrency</c>, <c>Generation:SweepInterval</c>, …), so existing configuration keeps working.
/// </summary>
public sealed class BackgroundWorkOptions
{
    public const string Section = "Generation";

    /// <summary>Generations (and, separately, exports) run at once in this process (0 = the processor count).</summary>
    public int Concurrency { get; set; }

    /// <summary>An unclaimed 'processing' row older than this is re-queued (its process died before starting it).</summary>
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A claimed 'processing' row older than this is marked failed (its process died while running it).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often expired rows are deleted and stuck jobs recovered.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;
}
