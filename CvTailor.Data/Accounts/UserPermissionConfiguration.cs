using CvTailor.Data.Framework;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class UserPermissionConfiguration : IEntityTypeConfiguration<UserPermission>
{
    public const string Table = "accounts_user_user_permissions";

    public void Configure(EntityTypeBuilder<UserPermission> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AuthPermission>().WithMany().HasForeignKey(x => x.PermissionId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "permission_id", AuthPermissionConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.PermissionId }, DjangoNames.UniqueTogether(Table, "user_id", "permission_id")).IsUnique();
        builder.HasIndex(x => x.PermissionId, DjangoNames.Index(Table, "permission_id"));
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
