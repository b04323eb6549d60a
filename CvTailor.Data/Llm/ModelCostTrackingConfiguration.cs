using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class ModelCostTrackingConfiguration : IEntityTypeConfiguration<ModelCostTracking>
{
    public const string Table = "model_cost_tracking";

    public void Configure(EntityTypeBuilder<ModelCostTracking> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.ModelName).HasMaxLength(100);
        builder.Property(x => x.TotalCostUsd).HasPrecision(10, 6);
        builder.Property(x => x.AvgCostPerGeneration).HasPrecision(10, 6);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.Date, x.ModelName }, DjangoNames.UniqueTogether(Table, "user_id", "date", "model_name")).IsUnique();
        builder.HasIndex(x => new { x.Date, x.ModelName }, "model_cost__date_2f65ac_idx");
        builder.HasIndex(x => new { x.UserId, x.Date }, "model_cost__user_id_5d5785_idx");
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
