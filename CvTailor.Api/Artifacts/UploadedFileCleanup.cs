using CvTailor.Data;
using CvTailor.Data.Artifacts;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// Uploaded files belong to an artifact only through evidence links whose <c>file_path</c> names them. When links
/// go away (link delete, artifact delete), the files no other link of the user still names go too, so nothing is
/// left orphaned on disk.
/// </summary>
public static class UploadedFileCleanup
{
    /// <summary>
    /// The user's uploaded-file rows for <paramref name="filePaths"/> that no remaining link references, not counting
    /// links of <paramref name="ignoreArtifactId"/> or the link <paramref name="ignoreLinkId"/> (those are being deleted).
    /// The rows are tracked: remove them in the same SaveChanges as the links.
    /// </summary>
    public static async Task<List<UploadedFile>> OrphanedByAsync(
        CvTailorDbContext db, long userId, IReadOnlyCollection<string> filePaths, int? ignoreArtifactId, long? ignoreLinkId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filePaths);
        if (filePaths.Count == 0)
        {
            return [];
        }
        var stillUsed = await db.EvidenceLinks
            .Where(l => filePaths.Contains(l.FilePath)
                        && l.Artifact!.UserId == userId
                        && (ignoreArtifactId == null || l.ArtifactId != ignoreArtifactId)
                        && (ignoreLinkId == null || l.Id != ignoreLinkId))
            .Select(l => l.FilePath)
            .Distinct()
            .ToListAsync(ct);
        var orphanPaths = filePaths.Except(stillUsed, StringComparer.Ordinal).ToList();
        if (orphanPaths.Count == 0)
        {
            return [];
        }
        return await db.UploadedFiles.Where(f => f.UserId == userId && orphanPaths.Contains(f.File)).ToListAsync(ct);
    }
}
