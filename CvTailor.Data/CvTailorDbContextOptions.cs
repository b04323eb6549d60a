using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Data;

/// <summary>
/// The options every <see cref="CvTailorDbContext"/> needs, in one place. They cannot live in OnConfiguring:
/// pooled contexts (the services' registration) may not change their options there.
/// </summary>
public static class CvTailorDbContextOptions
{
    /// <summary>Conventions on top of the provider: snake_case names as Django's PostgreSQL schema has them.</summary>
    public static DbContextOptionsBuilder UseCvTailorConventions(this DbContextOptionsBuilder builder) =>
        builder.UseSnakeCaseNamingConvention();

    public static DbContextOptions<CvTailorDbContext> Create(NpgsqlDataSource dataSource) =>
        Configure(new DbContextOptionsBuilder<CvTailorDbContext>().UseNpgsql(dataSource, o => o.UseVector()));

    public static DbContextOptions<CvTailorDbContext> Create(NpgsqlConnection connection) =>
        Configure(new DbContextOptionsBuilder<CvTailorDbContext>().UseNpgsql(connection, o => o.UseVector()));

    public static DbContextOptions<CvTailorDbContext> Create(string connectionString) =>
        Configure(new DbContextOptionsBuilder<CvTailorDbContext>().UseNpgsql(connectionString, o => o.UseVector()));

    static DbContextOptions<CvTailorDbContext> Configure(DbContextOptionsBuilder<CvTailorDbContext> builder)
    {
        builder.UseCvTailorConventions();
        return builder.Options;
    }
}
