using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Accounts;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public const string Table = "accounts_user";

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(u => u.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(u => u.Password).HasMaxLength(128);
        builder.Property(u => u.Username).HasMaxLength(150);
        builder.Property(u => u.FirstName).HasMaxLength(150);
        builder.Property(u => u.LastName).HasMaxLength(150);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.ProfileImage).HasMaxLength(100);
        builder.Property(u => u.Phone).HasMaxLength(20);
        builder.Property(u => u.LinkedinUrl).HasMaxLength(200);
        builder.Property(u => u.GithubUrl).HasMaxLength(200);
        builder.Property(u => u.WebsiteUrl).HasMaxLength(200);
        builder.Property(u => u.Location).HasMaxLength(100);

        builder.HasIndex(u => u.Username, DjangoNames.UniqueColumn(Table, "username")).IsUnique();
        builder.HasIndex(u => u.Username, DjangoNames.Like(Table, "username")).HasOperators(PgTypes.VarcharPatternOps);
        builder.HasIndex(u => u.Email, DjangoNames.UniqueColumn(Table, "email")).IsUnique();
        builder.HasIndex(u => u.Email, DjangoNames.Like(Table, "email")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
