namespace CvTailor.Api.Generation.Endpoints;

/// <summary>Configuration section <c>Generation</c>: the asynchronous generation service.</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Generated documents expire this long after creation (the original's 90 days).</summary>
    public TimeSpan DocumentLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Generations run at once in this process (0 = the processor count).</summary>
    public int Concurrency { get; set; }

    /// <summary>What the 202 answer promises as <c>estimated_completion_time</c> (the original said 30 s).</summary>
    public TimeSpan EstimatedDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An unclaimed 'processing' row older than this is re-queued (its process died before starting it).</summary>
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A claimed 'processing' row older than this is marked failed (its process died while running it).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often expired documents/exports are deleted and stuck jobs recovered.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the skills taxonomy extension read from <c>generation_skillstaxonomy</c> is reused.</summary>
    public TimeSpan TaxonomyRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Generations (CVs and cover letters) one user may start per hour; 0 = unlimited.</summary>
    public int MaxPerHour { get; set; } = 120;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;
}
