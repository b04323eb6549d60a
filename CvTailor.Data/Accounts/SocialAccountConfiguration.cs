using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class SocialAccountConfiguration : IEntityTypeConfiguration<SocialAccount>
{
    public const string Table = "socialaccount_socialaccount";

    public void Configure(EntityTypeBuilder<SocialAccount> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Provider).HasMaxLength(200);
        builder.Property(x => x.Uid).HasMaxLength(191);
        builder.Property(x => x.ExtraData).HasColumnType(PgTypes.Json);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
        builder.HasIndex(x => new { x.Provider, x.Uid }, DjangoNames.UniqueTogether(Table, "provider", "uid")).IsUnique();
    }
}
