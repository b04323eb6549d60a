using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class DjangoContentTypeConfiguration : IEntityTypeConfiguration<DjangoContentType>
{
    public const string Table = "django_content_type";

    public void Configure(EntityTypeBuilder<DjangoContentType> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.AppLabel).HasMaxLength(100);
        builder.Property(x => x.Model).HasMaxLength(100);
        builder.HasIndex(x => new { x.AppLabel, x.Model }, DjangoNames.UniqueTogether(Table, "app_label", "model")).IsUnique();
    }
}
