using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class JobDescriptionEmbeddingConfiguration : IEntityTypeConfiguration<JobDescriptionEmbedding>
{
    public const string Table = "job_embeddings";

    public void Configure(EntityTypeBuilder<JobDescriptionEmbedding> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.JobDescriptionHash).HasMaxLength(64);
        builder.Property(x => x.CompanyName).HasMaxLength(200);
        builder.Property(x => x.RoleTitle).HasMaxLength(200);
        builder.Property(x => x.EmbeddingVector).HasColumnType(PgTypes.Vector);
        builder.Property(x => x.ModelUsed).HasMaxLength(50);
        builder.Property(x => x.CostUsd).HasPrecision(8, 6);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.JobDescriptionHash, DjangoNames.UniqueColumn(Table, "job_description_hash")).IsUnique();
        builder.HasIndex(x => x.JobDescriptionHash, DjangoNames.Like(Table, "job_description_hash")).HasOperators(PgTypes.VarcharPatternOps);
        builder.HasIndex(x => x.JobDescriptionHash, "job_embeddi_job_des_147ae2_idx");
        builder.HasIndex(x => new { x.UserId, x.LastAccessed }, "job_embeddi_user_id_48c22c_idx");
        builder.HasIndex(x => x.CreatedAt, "job_embeddi_created_66dd89_idx");
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
