using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Generation;

public sealed class GeneratedDocumentConfiguration : IEntityTypeConfiguration<GeneratedDocument>
{
    public const string Table = "generation_generateddocument";

    public void Configure(EntityTypeBuilder<GeneratedDocument> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.DocumentType).HasMaxLength(20);
        builder.Property(x => x.JobDescriptionHash).HasMaxLength(64);
        builder.Property(x => x.LabelIds).HasColumnType(PgTypes.Json);
        builder.Property(x => x.CustomSections).HasColumnType(PgTypes.Json);
        builder.Property(x => x.GenerationPreferences).HasColumnType(PgTypes.Json);
        builder.Property(x => x.Content).HasColumnType(PgTypes.Json);
        builder.Property(x => x.Metadata).HasColumnType(PgTypes.Json);
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.ArtifactsUsed).HasColumnType(PgTypes.Json);
        builder.Property(x => x.ModelVersion).HasMaxLength(50);
        builder.HasOne(x => x.JobDescription).WithMany().HasForeignKey(x => x.JobDescriptionId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "job_description_id", JobDescriptionConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(x => x.User).WithMany(u => u.GeneratedDocuments).HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.UserJobDescription).WithMany().HasForeignKey(x => x.UserJobDescriptionId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_job_description_id", UserJobDescriptionConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => x.UserJobDescriptionId, DjangoNames.Index(Table, "user_job_description_id"));
        builder.HasIndex(x => x.JobDescriptionId, DjangoNames.Index(Table, "job_description_id"));
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
