using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class SocialTokenConfiguration : IEntityTypeConfiguration<SocialToken>
{
    public const string Table = "socialaccount_socialtoken";

    public void Configure(EntityTypeBuilder<SocialToken> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.HasOne<SocialAccount>().WithMany().HasForeignKey(x => x.AccountId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "account_id", SocialAccountConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SocialApp>().WithMany().HasForeignKey(x => x.AppId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "app_id", SocialAppConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => x.AccountId, DjangoNames.Index(Table, "account_id"));
        builder.HasIndex(x => x.AppId, DjangoNames.Index(Table, "app_id"));
        builder.HasIndex(x => new { x.AppId, x.AccountId }, DjangoNames.UniqueTogether(Table, "app_id", "account_id")).IsUnique();
    }
}
