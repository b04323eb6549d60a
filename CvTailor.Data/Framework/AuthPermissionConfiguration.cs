using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class AuthPermissionConfiguration : IEntityTypeConfiguration<AuthPermission>
{
    public const string Table = "auth_permission";

    public void Configure(EntityTypeBuilder<AuthPermission> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Name).HasMaxLength(255);
        builder.Property(x => x.Codename).HasMaxLength(100);
        builder.HasOne<DjangoContentType>().WithMany().HasForeignKey(x => x.ContentTypeId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "content_type_id", DjangoContentTypeConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ContentTypeId, DjangoNames.Index(Table, "content_type_id"));
        builder.HasIndex(x => new { x.ContentTypeId, x.Codename }, DjangoNames.UniqueTogether(Table, "content_type_id", "codename")).IsUnique();
    }
}
