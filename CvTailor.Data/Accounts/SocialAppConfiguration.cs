using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class SocialAppConfiguration : IEntityTypeConfiguration<SocialApp>
{
    public const string Table = "socialaccount_socialapp";

    public void Configure(EntityTypeBuilder<SocialApp> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Provider).HasMaxLength(30);
        builder.Property(x => x.Name).HasMaxLength(40);
        builder.Property(x => x.ClientId).HasMaxLength(191);
        builder.Property(x => x.Secret).HasMaxLength(191);
        builder.Property(x => x.Key).HasMaxLength(191);
        builder.Property(x => x.ProviderId).HasMaxLength(200);
        builder.Property(x => x.Settings).HasColumnType(PgTypes.Json);
    }
}
