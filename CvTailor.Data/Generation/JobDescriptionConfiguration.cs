using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Generation;

public sealed class JobDescriptionConfiguration : IEntityTypeConfiguration<JobDescription>
{
    public const string Table = "generation_jobdescription";

    public void Configure(EntityTypeBuilder<JobDescription> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.ContentHash).HasMaxLength(64);
        builder.Property(x => x.ParsedData).HasColumnType(PgTypes.Json);
        builder.Property(x => x.CompanyName).HasMaxLength(255);
        builder.Property(x => x.RoleTitle).HasMaxLength(255);
        builder.HasIndex(x => x.ContentHash, DjangoNames.UniqueColumn(Table, "content_hash")).IsUnique();
        builder.HasIndex(x => x.ContentHash, DjangoNames.Like(Table, "content_hash")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
