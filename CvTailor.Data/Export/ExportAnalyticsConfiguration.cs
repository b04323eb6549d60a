using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Export;

public sealed class ExportAnalyticsConfiguration : IEntityTypeConfiguration<ExportAnalytics>
{
    public const string Table = "export_exportanalytics";

    public void Configure(EntityTypeBuilder<ExportAnalytics> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.EventType).HasMaxLength(50);
        builder.Property(x => x.Metadata).HasColumnType(PgTypes.Json);
        builder.Property(x => x.IpAddress).HasColumnType("inet");
        builder.HasOne(x => x.ExportJob).WithMany(j => j.Analytics).HasForeignKey(x => x.ExportJobId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "export_job_id", ExportJobConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ExportJobId, DjangoNames.Index(Table, "export_job_id"));
    }
}
