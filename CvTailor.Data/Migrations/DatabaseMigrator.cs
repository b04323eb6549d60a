// Bootstrap stand-in until the data model lands; replaced by the real migrator.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
namespace CvTailor.Data;
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(string cs, ILogger log, CancellationToken ct)
    {
        var o = new DbContextOptionsBuilder<CvTailorDbContext>().UseNpgsql(cs, x => x.UseVector()).Options;
        await using var db = new CvTailorDbContext(o);
        await db.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS vector", ct);
        log.LogInformation("migrated");
    }
}
