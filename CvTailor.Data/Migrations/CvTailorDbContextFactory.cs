using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CvTailor.Data.Migrations;

/// <summary>
/// Used by <c>dotnet ef</c> only. Generating migrations or scripts needs no live database, so a placeholder
/// connection string is fine when <c>ConnectionStrings__cvtailor</c> is not set.
/// </summary>
public sealed class CvTailorDbContextFactory : IDesignTimeDbContextFactory<CvTailorDbContext>
{
    public CvTailorDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable(CvTailorDatabase.EnvironmentVariable)
            ?? $"Host=127.0.0.1;Database={CvTailorDatabase.ConnectionName};Username=postgres";
        return new CvTailorDbContext(CvTailorDbContextOptions.Create(connectionString));
    }
}
