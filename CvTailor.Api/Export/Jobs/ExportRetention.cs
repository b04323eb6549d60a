using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Export.Jobs;

/// <summary>Export jobs past their <c>expires_at</c> (24 hours after completion) are deleted with their files.</summary>
public sealed class ExportRetention(FileStorage files) : IWorkRetention
{
    const int BatchSize = 500;

    public string Name => "expired exports";

    public async Task<int> DeleteExpiredAsync(CvTailorDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expired = await db.ExportJobs.Where(j => j.ExpiresAt != null && j.ExpiresAt < now && !j.Status.StartsWith(ImportHold.StatusPrefix))
            .OrderBy(j => j.ExpiresAt).Select(j => new { j.Id, j.FilePath }).Take(BatchSize).ToListAsync(ct);
        if (expired.Count == 0)
        {
            return 0;
        }
        var ids = expired.Select(e => e.Id).ToList();
        await db.ExportJobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(ct);
        files.DeleteAll(expired.Select(e => e.FilePath).Where(p => p.Length > 0));
        return expired.Count;
    }
}
