using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class ArtifactChunkConfiguration : IEntityTypeConfiguration<ArtifactChunk>
{
    public const string Table = "artifact_chunks";

    public void Configure(EntityTypeBuilder<ArtifactChunk> builder)
    {
        // One vector per chunk, in the column for its width (VectorStorage).
        builder.ToTable(Table, t => t.HasCheckConstraint("artifact_chunks_one_vector",
            $"num_nonnulls({VectorStorage.ChunkWideColumn}, {VectorStorage.ChunkNarrowColumn}) = 1"));
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Metadata).HasColumnType(PgTypes.Json);
        builder.Property(x => x.EmbeddingVector).HasColumnType(PgTypes.Vector);
        builder.Property(x => x.EmbeddingVector512).HasColumnName(VectorStorage.ChunkNarrowColumn)
            .HasColumnType($"vector({VectorStorage.Narrow})");
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.ModelUsed).HasMaxLength(50);
        builder.Property(x => x.ProcessingCostUsd).HasPrecision(8, 6);
        // A database default so the importer (and the rollback export) can ignore the column.
        builder.Property(x => x.EmbeddingDimensions).HasDefaultValue(PgTypes.VectorDimensions);
        builder.HasOne(x => x.Artifact).WithMany(a => a.Chunks).HasForeignKey(x => x.ArtifactId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "artifact_id", EnhancedArtifactConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.ArtifactId, x.ChunkIndex }, DjangoNames.UniqueTogether(Table, "artifact_id", "chunk_index")).IsUnique();
        builder.HasIndex(x => new { x.ArtifactId, x.ChunkIndex }, "artifact_ch_artifac_db15f8_idx");
        builder.HasIndex(x => x.ContentHash, "artifact_ch_content_503ced_idx");
        builder.HasIndex(x => x.ArtifactId, DjangoNames.Index(Table, "artifact_id"));
        // Not in the original: approximate search across users (per-user ranking is exact, see docs/data-model.md).
        builder.HasIndex(x => x.EmbeddingVector, "artifact_chunks_embedding_vector_hnsw_idx")
            .HasMethod("hnsw")
            .HasOperators("vector_cosine_ops");
        builder.HasIndex(x => x.EmbeddingVector512, "artifact_chunks_embedding_vector_512_hnsw_idx")
            .HasMethod("hnsw")
            .HasOperators("vector_cosine_ops");
    }
}
