using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class AuthGroupPermissionConfiguration : IEntityTypeConfiguration<AuthGroupPermission>
{
    public const string Table = "auth_group_permissions";

    public void Configure(EntityTypeBuilder<AuthGroupPermission> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.HasOne<AuthGroup>().WithMany().HasForeignKey(x => x.GroupId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "group_id", AuthGroupConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AuthPermission>().WithMany().HasForeignKey(x => x.PermissionId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "permission_id", AuthPermissionConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.GroupId, x.PermissionId }, DjangoNames.UniqueTogether(Table, "group_id", "permission_id")).IsUnique();
        builder.HasIndex(x => x.GroupId, DjangoNames.Index(Table, "group_id"));
        builder.HasIndex(x => x.PermissionId, DjangoNames.Index(Table, "permission_id"));
    }
}
