using CvTailor.Data.Framework;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class UserGroupConfiguration : IEntityTypeConfiguration<UserGroup>
{
    public const string Table = "accounts_user_groups";

    public void Configure(EntityTypeBuilder<UserGroup> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AuthGroup>().WithMany().HasForeignKey(x => x.GroupId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "group_id", AuthGroupConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.UserId, x.GroupId }, DjangoNames.UniqueTogether(Table, "user_id", "group_id")).IsUnique();
        builder.HasIndex(x => x.GroupId, DjangoNames.Index(Table, "group_id"));
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
