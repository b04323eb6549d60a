using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Artifacts;

public sealed class EvidenceLinkConfiguration : IEntityTypeConfiguration<EvidenceLink>
{
    public const string Table = "artifacts_evidencelink";

    public void Configure(EntityTypeBuilder<EvidenceLink> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Url).HasMaxLength(200);
        builder.Property(x => x.LinkType).HasMaxLength(20);
        builder.Property(x => x.Description).HasMaxLength(255);
        builder.Property(x => x.MimeType).HasMaxLength(100);
        builder.Property(x => x.ValidationMetadata).HasColumnType(PgTypes.Json);
        builder.HasOne(x => x.Artifact).WithMany(a => a.EvidenceLinks).HasForeignKey(x => x.ArtifactId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "artifact_id", ArtifactConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ArtifactId, DjangoNames.Index(Table, "artifact_id"));
    }
}
