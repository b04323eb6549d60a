using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Llm;

public sealed class CircuitBreakerStateConfiguration : IEntityTypeConfiguration<CircuitBreakerState>
{
    public const string Table = "circuit_breaker_states";

    public void Configure(EntityTypeBuilder<CircuitBreakerState> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.ModelName).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.ModelName).HasMaxLength(100);
        builder.Property(x => x.State).HasMaxLength(20);
        builder.HasIndex(x => x.ModelName, DjangoNames.Like(Table, "model_name")).HasOperators(PgTypes.VarcharPatternOps);
    }
}
