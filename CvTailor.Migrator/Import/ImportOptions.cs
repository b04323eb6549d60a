namespace CvTailor.Migrator.Import;

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

    /// <summary>Rows per batch handed from the SQLite reader to the COPY writer.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Test hook: fail on purpose after this many rows have been written (proves the rollback).</summary>
    public long? FaultAfterRows { get; init; }
}
