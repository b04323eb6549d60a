using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Queue;

public sealed class EmbeddingJobConfiguration : IEntityTypeConfiguration<EmbeddingJob>
{
    public const string Table = "embedding_jobs";

    /// <summary>The channel the insert trigger notifies (payload: the job id).</summary>
    public const string NotifyChannel = "embedding_jobs";

    public void Configure(EntityTypeBuilder<EmbeddingJob> builder)
    {
        builder.ToTable(Table, t =>
        {
            t.HasCheckConstraint("embedding_jobs_kind_check", "kind IN ('artifact_upsert', 'artifact_delete', 'reembed')");
            t.HasCheckConstraint("embedding_jobs_status_check", "status IN ('pending', 'running', 'done', 'dead')");
        });
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        // The claim query: oldest available pending job first.
        builder.HasIndex(x => x.AvailableAt, "embedding_jobs_pending_available_at_idx").HasFilter("status = 'pending'");
        // Reclaiming jobs whose worker died: running jobs by lease end.
        builder.HasIndex(x => x.LockedUntil, "embedding_jobs_running_locked_until_idx").HasFilter("status = 'running'");
        builder.HasIndex(x => new { x.UserId, x.ArtifactId }, "embedding_jobs_user_id_artifact_id_idx");
    }
}
