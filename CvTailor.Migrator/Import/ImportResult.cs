using CvTailor.Migrator.Verification;

namespace CvTailor.Migrator.Import;

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
    /// <summary>Where the time went (import only).</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases { get; init; } = [];

    public int ExitCode => Outcome switch
    {
        ImportOutcome.Imported or ImportOutcome.DryRun => 0,
        _ => (int)Outcome,
    };
}
