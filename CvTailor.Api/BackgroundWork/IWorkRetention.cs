using CvTailor.Data;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// Rows (and their stored files) past their lifetime, deleted by the <see cref="RetentionSweeper"/> on each sweep, at
/// most one batch at a time. Rows the importer held (<c>ImportHold</c>) stay until the operator releases them. Must be
/// idempotent (replicas sweep concurrently).
/// </summary>
public interface IWorkRetention
{
    /// <summary>What the rows are, for the log (e.g. "expired documents").</summary>
    string Name { get; }

    /// <summary>Deletes up to one batch of rows expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(CvTailorDbContext db, DateTime now, CancellationToken ct);
}
