using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Artifacts;

public sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    public const string Table = "artifacts_artifact";

    public void Configure(EntityTypeBuilder<Artifact> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Title).HasMaxLength(255);
        builder.Property(x => x.ArtifactType).HasMaxLength(20);
        builder.Property(x => x.Technologies).HasColumnType(PgTypes.Json);
        builder.Property(x => x.Collaborators).HasColumnType(PgTypes.Json);
        builder.Property(x => x.ExtractedMetadata).HasColumnType(PgTypes.Json);
        builder.HasOne(x => x.User).WithMany(u => u.Artifacts).HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
