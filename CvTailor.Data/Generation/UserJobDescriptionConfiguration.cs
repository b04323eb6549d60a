using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Generation;

public sealed class UserJobDescriptionConfiguration : IEntityTypeConfiguration<UserJobDescription>
{
    public const string Table = "generation_userjobdescription";

    public void Configure(EntityTypeBuilder<UserJobDescription> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.CompanyName).HasMaxLength(255);
        builder.Property(x => x.RoleTitle).HasMaxLength(255);
        builder.Property(x => x.ParsedData).HasColumnType(PgTypes.Json);
        builder.Property(x => x.ParserVersion).HasMaxLength(100);
        builder.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        // The cache key: per user, so one user's parse (with their company and role) never serves another.
        builder.HasIndex(x => new { x.UserId, x.ContentHash, x.CompanyName, x.RoleTitle },
            DjangoNames.UniqueTogether(Table, "user_id", "content_hash", "company_name", "role_title")).IsUnique();
    }
}
