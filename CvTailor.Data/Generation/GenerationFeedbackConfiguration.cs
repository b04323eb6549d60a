using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Generation;

public sealed class GenerationFeedbackConfiguration : IEntityTypeConfiguration<GenerationFeedback>
{
    public const string Table = "generation_generationfeedback";

    public void Configure(EntityTypeBuilder<GenerationFeedback> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.FeedbackType).HasMaxLength(50);
        builder.Property(x => x.FeedbackData).HasColumnType(PgTypes.Json);
        builder.HasOne(x => x.Generation).WithMany(g => g.Feedback).HasForeignKey(x => x.GenerationId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "generation_id", GeneratedDocumentConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.GenerationId, DjangoNames.Index(Table, "generation_id"));
    }
}
