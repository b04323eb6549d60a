using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class EmailConfirmationConfiguration : IEntityTypeConfiguration<EmailConfirmation>
{
    public const string Table = "account_emailconfirmation";

    public void Configure(EntityTypeBuilder<EmailConfirmation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Key).HasMaxLength(64);
        builder.HasOne<EmailAddress>().WithMany().HasForeignKey(x => x.EmailAddressId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "email_address_id", EmailAddressConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.EmailAddressId, DjangoNames.Index(Table, "email_address_id"));
        builder.HasIndex(x => x.Key, DjangoNames.UniqueColumn(Table, "key")).IsUnique();
        builder.HasIndex(x => x.Key, DjangoNames.Like(Table, "key")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
