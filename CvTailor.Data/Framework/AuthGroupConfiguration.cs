using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class AuthGroupConfiguration : IEntityTypeConfiguration<AuthGroup>
{
    public const string Table = "auth_group";

    public void Configure(EntityTypeBuilder<AuthGroup> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Name).HasMaxLength(150);
        builder.HasIndex(x => x.Name, DjangoNames.UniqueColumn(Table, "name")).IsUnique();
        builder.HasIndex(x => x.Name, DjangoNames.Like(Table, "name")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
