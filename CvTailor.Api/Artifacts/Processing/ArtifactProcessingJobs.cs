using CvTailor.Data;
using CvTailor.Data.Artifacts;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// Opening a processing job: the row is added to the caller's unit of work (it commits with the change that caused
/// it), and <see cref="ArtifactProcessingChannel.Enqueue"/> is called after the commit. A row whose id never reaches
/// the channel is found by the retention sweep.
/// </summary>
public static class ArtifactProcessingJobs
{
    public static ArtifactProcessingJob Open(CvTailorDbContext db, int artifactId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var job = new ArtifactProcessingJob { ArtifactId = artifactId, Status = ArtifactProcessingStatuses.Pending, CreatedAt = now };
        db.ArtifactProcessingJobs.Add(job);
        return job;
    }
}
