using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class OutstandingTokenConfiguration : IEntityTypeConfiguration<OutstandingToken>
{
    public const string Table = "token_blacklist_outstandingtoken";

    public void Configure(EntityTypeBuilder<OutstandingToken> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Jti).HasMaxLength(255);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
        builder.HasIndex(x => x.Jti, DjangoNames.UniqueColumn(Table, "jti")).IsUnique();
        builder.HasIndex(x => x.Jti, DjangoNames.Like(Table, "jti")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
