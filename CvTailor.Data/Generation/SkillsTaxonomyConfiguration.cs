using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Generation;

public sealed class SkillsTaxonomyConfiguration : IEntityTypeConfiguration<SkillsTaxonomy>
{
    public const string Table = "generation_skillstaxonomy";

    public void Configure(EntityTypeBuilder<SkillsTaxonomy> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.SkillName).HasMaxLength(100);
        builder.Property(x => x.Category).HasMaxLength(50);
        builder.Property(x => x.Aliases).HasColumnType(PgTypes.Json);
        builder.Property(x => x.RelatedSkills).HasColumnType(PgTypes.Json);
        builder.HasIndex(x => x.SkillName, DjangoNames.UniqueColumn(Table, "skill_name")).IsUnique();
        builder.HasIndex(x => x.SkillName, DjangoNames.Like(Table, "skill_name")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
