using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class DjangoSessionConfiguration : IEntityTypeConfiguration<DjangoSession>
{
    public const string Table = "django_session";

    public void Configure(EntityTypeBuilder<DjangoSession> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.SessionKey).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.SessionKey).HasMaxLength(40);
        builder.HasIndex(x => x.SessionKey, DjangoNames.Like(Table, "session_key")).HasOperators(PgTypes.VarcharPatternOps);
        builder.HasIndex(x => x.ExpireDate, DjangoNames.Index(Table, "expire_date"));
    }
}
