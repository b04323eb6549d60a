using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class BlacklistedTokenConfiguration : IEntityTypeConfiguration<BlacklistedToken>
{
    public const string Table = "token_blacklist_blacklistedtoken";

    public void Configure(EntityTypeBuilder<BlacklistedToken> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.HasOne(x => x.Token).WithOne(t => t.Blacklisted).HasForeignKey<BlacklistedToken>(x => x.TokenId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "token_id", OutstandingTokenConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.TokenId, DjangoNames.UniqueColumn(Table, "token_id")).IsUnique();
    }
}
