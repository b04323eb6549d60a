using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class EnhancedArtifactConfiguration : IEntityTypeConfiguration<EnhancedArtifact>
{
    public const string Table = "enhanced_artifacts";

    public void Configure(EntityTypeBuilder<EnhancedArtifact> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.ContentType).HasMaxLength(50);
        builder.Property(x => x.ProcessedContent).HasColumnType(PgTypes.Json);
        builder.Property(x => x.ContentEmbedding).HasColumnType(PgTypes.Vector);
        builder.Property(x => x.SummaryEmbedding).HasColumnType(PgTypes.Vector);
        builder.Property(x => x.EmbeddingModel).HasMaxLength(50);
        builder.Property(x => x.EmbeddingCostUsd).HasPrecision(10, 6);
        builder.Property(x => x.LangchainVersion).HasMaxLength(20);
        builder.Property(x => x.ProcessingStrategy).HasMaxLength(50);
        builder.Property(x => x.LlmModelUsed).HasMaxLength(100);
        builder.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.ContentType }, "enhanced_ar_user_id_08ae58_idx");
        builder.HasIndex(x => x.CreatedAt, "enhanced_ar_created_863a56_idx");
        builder.HasIndex(x => x.EmbeddingModel, "enhanced_ar_embeddi_f97a78_idx");
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
        // Not in the original: the embedding worker finds an artifact's embedded row by this soft reference.
        builder.HasIndex(x => x.OriginalArtifactId, "enhanced_artifacts_original_artifact_id_idx");
    }
}
