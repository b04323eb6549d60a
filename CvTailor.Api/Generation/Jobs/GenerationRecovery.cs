using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Jobs;

/// <summary>
/// Lost generation work, found by the retention sweep: unclaimed 'processing' documents go back on the channel,
/// claimed ones whose process died are marked failed.
/// </summary>
public sealed class GenerationRecovery(GenerationChannel channel, TimeProvider time) : IWorkRecovery
{
    const int BatchSize = 500;

    public async Task RecoverAsync(CvTailorDbContext db, DateTime requeueBefore, DateTime abandonBefore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var id in await db.GeneratedDocuments.Where(d => d.Status == GenerationStatuses.Processing && d.ProgressPercentage == 0 && d.CreatedAt <= requeueBefore)
                     .OrderBy(d => d.CreatedAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct))
        {
            channel.Enqueue(id);
        }
        await db.GeneratedDocuments
            .Where(d => d.Status == GenerationStatuses.Processing && d.ProgressPercentage > 0 && d.CreatedAt < abandonBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, GenerationStatuses.Failed)
                .SetProperty(d => d.ErrorMessage, "Generation was interrupted; please start it again.")
                .SetProperty(d => d.CompletedAt, time.UtcNow()), ct);
    }
}
