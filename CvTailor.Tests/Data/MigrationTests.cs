using CvTailor.Data;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Applying_the_migrations_twice_is_a_no_op()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("mig", migrated: false);
        await TestPostgres.MigrateAsync(cs, CancellationToken.None);
        var first = await SchemaFingerprintAsync(cs);

        await TestPostgres.MigrateAsync(cs, CancellationToken.None);
        var second = await SchemaFingerprintAsync(cs);

        Assert.Equal(first, second);
        Assert.Contains("accounts_user.email", first);
        Assert.Contains("artifact_chunks.embedding_vector:USER-DEFINED", first);

        await using var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(cs));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Concurrent_migrators_do_not_race()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("migc", migrated: false);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestPostgres.MigrateAsync(cs, CancellationToken.None)));
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", conn);
        var applied = (long)(await cmd.ExecuteScalarAsync())!;
        await using var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(cs));
        Assert.Equal(db.Database.GetMigrations().Count(), applied);
    }

    /// <summary>Every column of the public schema with its type and nullability, plus every index.</summary>
    static async Task<string> SchemaFingerprintAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT string_agg(x, E'\n' ORDER BY x) FROM (
              SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS x
              FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL
              SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            ) s
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
