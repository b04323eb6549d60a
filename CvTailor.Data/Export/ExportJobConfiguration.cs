using CvTailor.Data.Accounts;
using CvTailor.Data.Generation;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Export;

public sealed class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public const string Table = "export_exportjob";

    public void Configure(EntityTypeBuilder<ExportJob> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Format).HasMaxLength(10);
        builder.Property(x => x.ExportOptions).HasColumnType(PgTypes.Json);
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.HasOne(x => x.GeneratedDocument).WithMany().HasForeignKey(x => x.GeneratedDocumentId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "generated_document_id", GeneratedDocumentConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Template).WithMany().HasForeignKey(x => x.TemplateId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "template_id", ExportTemplateConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(x => x.User).WithMany(u => u.ExportJobs).HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.GeneratedDocumentId, DjangoNames.Index(Table, "generated_document_id"));
        builder.HasIndex(x => x.TemplateId, DjangoNames.Index(Table, "template_id"));
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
