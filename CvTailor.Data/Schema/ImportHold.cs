namespace CvTailor.Data.Schema;

/// <summary>
/// Rows the SQLite importer holds until the operator releases them: queued or running jobs of the original app (so
/// the services do not resume them on their first start) and documents/exports already past their expiry (so the
/// retention sweep does not delete them). Held rows carry <see cref="StatusPrefix"/> before their original status
/// (<c>held:processing</c>); no job claim matches it, and the retention sweep skips it.
/// </summary>
public static class ImportHold
{
    public const string StatusPrefix = "held:";
}
