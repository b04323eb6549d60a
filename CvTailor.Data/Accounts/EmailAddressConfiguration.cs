using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class EmailAddressConfiguration : IEntityTypeConfiguration<EmailAddress>
{
    public const string Table = "account_emailaddress";

    public void Configure(EntityTypeBuilder<EmailAddress> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
        builder.HasIndex(x => x.Email, DjangoNames.Index(Table, "email"));
        builder.HasIndex(x => x.Email, DjangoNames.Like(Table, "email")).HasOperators(PgTypes.VarcharPatternOps);
        builder.HasIndex(x => new { x.UserId, x.Email }, DjangoNames.UniqueTogether(Table, "user_id", "email")).IsUnique();
        // allauth's named UniqueConstraints with conditions: one primary address per user, one owner per verified address.
        builder.HasIndex(x => new { x.UserId, x.Primary }, "unique_primary_email").IsUnique().HasFilter("\"primary\"");
        builder.HasIndex(x => x.Email, "unique_verified_email").IsUnique().HasFilter("verified");
    }
}
