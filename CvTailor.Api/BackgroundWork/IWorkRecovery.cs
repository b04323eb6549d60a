using CvTailor.Data;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// A queue whose lost work the <see cref="RetentionSweeper"/> recovers on each sweep: unclaimed rows created before
/// <c>requeueBefore</c> go back on the channel, claimed rows created before <c>abandonBefore</c> are marked failed.
/// Must be idempotent (replicas sweep concurrently).
/// </summary>
public interface IWorkRecovery
{
    Task RecoverAsync(CvTailorDbContext db, DateTime requeueBefore, DateTime abandonBefore, CancellationToken ct);
}
