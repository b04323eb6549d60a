namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// Configuration section <c>Generation</c>: the asynchronous generation service. The same section's queue keys
/// (concurrency, re-queue, abandon, sweep interval) are read by <c>BackgroundWorkOptions</c>.
/// </summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Generated documents expire this long after creation (the original's 90 days).</summary>
    public TimeSpan DocumentLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>What the 202 answer promises as <c>estimated_completion_time</c> (the original said 30 s).</summary>
    public TimeSpan EstimatedDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the skills taxonomy extension read from <c>generation_skillstaxonomy</c> is reused.</summary>
    public TimeSpan TaxonomyRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Generations (CVs and cover letters) one user may start per hour; 0 = unlimited.</summary>
    public int MaxPerHour { get; set; } = 120;
}
