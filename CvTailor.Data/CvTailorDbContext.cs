using Microsoft.EntityFrameworkCore;

namespace CvTailor.Data;

/// <summary>The one EF Core model shared by the Api, the Embeddings worker and the migrator.</summary>
public sealed class CvTailorDbContext(DbContextOptions<CvTailorDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CvTailorDbContext).Assembly);
    }
}
