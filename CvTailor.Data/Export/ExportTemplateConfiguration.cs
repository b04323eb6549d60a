using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Export;

public sealed class ExportTemplateConfiguration : IEntityTypeConfiguration<ExportTemplate>
{
    public const string Table = "export_exporttemplate";

    public void Configure(EntityTypeBuilder<ExportTemplate> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Category).HasMaxLength(50);
        builder.Property(x => x.PreviewImageUrl).HasMaxLength(200);
        builder.Property(x => x.TemplateConfig).HasColumnType(PgTypes.Json);
        // Built-in ids 1–4; the migration moves the identity past them.
        builder.HasData(ExportTemplateSeed.Rows());
    }
}
