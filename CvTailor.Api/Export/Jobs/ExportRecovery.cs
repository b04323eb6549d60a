using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Export.Jobs;

/// <summary>
/// Lost export work, found by the retention sweep: unclaimed 'processing' exports go back on the channel, claimed
/// ones whose process died are marked failed.
/// </summary>
public sealed class ExportRecovery(ExportChannel channel, TimeProvider time) : IWorkRecovery
{
    const int BatchSize = 500;

    public async Task RecoverAsync(CvTailorDbContext db, DateTime requeueBefore, DateTime abandonBefore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var id in await db.ExportJobs.Where(j => j.Status == ExportStatuses.Processing && j.ProgressPercentage == 0 && j.CreatedAt <= requeueBefore)
                     .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(BatchSize).ToListAsync(ct))
        {
            channel.Enqueue(id);
        }
        await db.ExportJobs
            .Where(j => j.Status == ExportStatuses.Processing && j.ProgressPercentage > 0 && j.CreatedAt < abandonBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ExportStatuses.Failed)
                .SetProperty(j => j.ErrorMessage, "Export was interrupted; please start it again.")
                .SetProperty(j => j.CompletedAt, time.UtcNow()), ct);
    }
}
