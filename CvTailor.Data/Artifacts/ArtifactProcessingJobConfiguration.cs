using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Artifacts;

public sealed class ArtifactProcessingJobConfiguration : IEntityTypeConfiguration<ArtifactProcessingJob>
{
    public const string Table = "artifacts_artifactprocessingjob";

    public void Configure(EntityTypeBuilder<ArtifactProcessingJob> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.MetadataExtracted).HasColumnType(PgTypes.Json);
        builder.Property(x => x.EvidenceValidationResults).HasColumnType(PgTypes.Json);
        builder.HasOne(x => x.Artifact).WithMany(a => a.ProcessingJobs).HasForeignKey(x => x.ArtifactId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "artifact_id", ArtifactConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ArtifactId, DjangoNames.Index(Table, "artifact_id"));
    }
}
