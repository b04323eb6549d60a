using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class ModelPerformanceMetricConfiguration : IEntityTypeConfiguration<ModelPerformanceMetric>
{
    public const string Table = "model_performance_metrics";

    public void Configure(EntityTypeBuilder<ModelPerformanceMetric> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.ModelName).HasMaxLength(100);
        builder.Property(x => x.TaskType).HasMaxLength(50);
        builder.Property(x => x.CostUsd).HasPrecision(10, 6);
        builder.Property(x => x.QualityScore).HasPrecision(3, 2);
        builder.Property(x => x.ComplexityScore).HasPrecision(3, 2);
        builder.Property(x => x.SelectionStrategy).HasMaxLength(50);
        builder.Property(x => x.Metadata).HasColumnType(PgTypes.Json);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => new { x.ModelName, x.TaskType }, "model_perfo_model_n_805f74_idx");
        builder.HasIndex(x => x.CreatedAt, "model_perfo_created_5bd507_idx");
        builder.HasIndex(x => x.Success, "model_perfo_success_9c8b87_idx");
        builder.HasIndex(x => x.ModelName, DjangoNames.Index(Table, "model_name"));
        builder.HasIndex(x => x.ModelName, DjangoNames.Like(Table, "model_name")).HasOperators(PgTypes.VarcharPatternOps);
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
