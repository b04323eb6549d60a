namespace CvTailor.SqliteTransfer.Import;

/// <summary>What <c>import-sqlite</c> does.</summary>
public sealed record ImportOptions
{
    public required string SourcePath { get; init; }

    public required string TargetConnectionString { get; init; }

    /// <summary>The original's <c>media/</c> directory; null when not carried.</summary>
    public string? MediaDirectory { get; init; }

    /// <summary>Where the new system keeps uploaded files (<c>Storage:Root</c>); required with a media directory.</summary>
    public string? StorageRoot { get; init; }

    /// <summary>Do everything, including the verification, then roll back: writes nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Verify before committing (on by default; the benchmark turns it off to time the load alone).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Leave imported queued/running jobs as they were, so the services resume them on their first start (default: held).</summary>
    public bool ResumeJobs { get; init; }

    /// <summary>Leave rows already past their expiry as they were, so the retention sweep deletes them (default: held, kept).</summary>
    public bool DropExpired { get; init; }

    /// <summary>The instant expiry is judged at (default: when the run starts); the command line surveys and imports at the same instant.</summary>
    public DateTime? Now { get; init; }

    /// <summary>
    /// Called with the survey of queued jobs and expired rows once the source has passed its checks and before anything
    /// is written (the command line prints what will happen to them).
    /// </summary>
    public Action<ImportHolds.Survey>? BeforeWriting { get; init; }

    /// <summary>At most this many rows per chunk handed from a SQLite reader to the COPY writer.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// Threads reading and converting the SQLite tables (each with its own connection) while the COPY sends them; by
    /// default one per processor, at most 4 (the one PostgreSQL connection takes what they send one table at a time).
    /// </summary>
    public int Readers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Where the run's time goes, span by span (<c>--timings</c>); null: not recorded.</summary>
    public ImportTimeline? Timeline { get; init; }

    /// <summary>Test hook: fail on purpose after this many rows have been written (proves the rollback).</summary>
    public long? FaultAfterRows { get; init; }
}
