using CvTailor.SqliteTransfer.Verification;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>Everything an import run found and did.</summary>
public sealed record ImportResult(
    ImportOutcome Outcome,
    IReadOnlyList<string> Messages,
    IReadOnlyList<string> Notes,
    IReadOnlyList<TableLoad> Tables,
    IReadOnlyList<SkippedRow> Skipped,
    int EmbeddingJobs,
    VerificationReport? Report,
    TimeSpan LoadTime,
    TimeSpan TotalTime)
{
    /// <summary>Queued/running jobs and expired rows the source held (import only), and what the options did with them.</summary>
    public ImportHolds.Survey? Holds { get; init; }

    /// <summary>Where the time went (import only).</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases { get; init; } = [];

    public int ExitCode => Outcome switch
    {
        ImportOutcome.Imported or ImportOutcome.DryRun => 0,
        _ => (int)Outcome,
    };
}
