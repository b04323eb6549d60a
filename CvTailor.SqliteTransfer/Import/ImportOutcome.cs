namespace CvTailor.SqliteTransfer.Import;

/// <summary>How an import ended; the command's exit code follows from it.</summary>
public enum ImportOutcome
{
    /// <summary>Committed and verified.</summary>
    Imported = 0,

    /// <summary>Verification found a difference; nothing was committed.</summary>
    VerificationFailed = 1,

    /// <summary>The source cannot move without loss (bad values, orphans, unknown tables); nothing was written.</summary>
    InvalidSource = 2,

    /// <summary>The target already holds data (a second import); nothing was written.</summary>
    Refused = 3,

    /// <summary><c>--dry-run</c>: everything ran and was rolled back.</summary>
    DryRun = 4,
}

/// <summary>Rows and time of one table's load.</summary>
public sealed record TableLoad(string Table, long SourceRows, long Loaded, long Skipped, TimeSpan Elapsed);
