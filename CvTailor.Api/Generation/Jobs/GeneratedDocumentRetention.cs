using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Storage;
using CvTailor.Data;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Jobs;

/// <summary>
/// Generated documents past their <c>expires_at</c> (90 days) are deleted; their export rows go with them (a cascade
/// in the schema), and the files those exports wrote are deleted from the storage root.
/// </summary>
public sealed class GeneratedDocumentRetention(FileStorage files) : IWorkRetention
{
    const int BatchSize = 500;

    public string Name => "expired documents";

    public async Task<int> DeleteExpiredAsync(CvTailorDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expired = await db.GeneratedDocuments.Where(d => d.ExpiresAt != null && d.ExpiresAt < now && !d.Status.StartsWith(ImportHold.StatusPrefix))
            .OrderBy(d => d.ExpiresAt).Select(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (expired.Count == 0)
        {
            return 0;
        }
        var paths = await db.ExportJobs.Where(j => expired.Contains(j.GeneratedDocumentId) && j.FilePath != "")
            .Select(j => j.FilePath).ToListAsync(ct);
        await db.GeneratedDocuments.Where(d => expired.Contains(d.Id)).ExecuteDeleteAsync(ct);
        files.DeleteAll(paths);
        return expired.Count;
    }
}
