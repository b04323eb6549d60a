using CvTailor.Data;
using CvTailor.Data.Export;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CvTailor.Tests.Data;

/// <summary>The BuiltInTemplates migration on a fresh database and on one that already holds template rows.</summary>
public sealed class BuiltInTemplateMigrationTests
{
    const string Before = "20261124084625_UserJobDescriptionCache";

    [Fact]
    public async Task A_fresh_database_gets_the_four_templates_and_new_ones_continue_at_5()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("tplmig");
        await using var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(cs));
        Assert.Equal(ExportTemplateSeed.All.Select(t => t.Name), await db.ExportTemplates.OrderBy(t => t.Id).Select(t => t.Name).ToListAsync());
        Assert.Equal(ExportTemplateSeed.All.Select(t => t.Name), await db.CvTemplates.OrderBy(t => t.Id).Select(t => t.Name).ToListAsync());
        Assert.True(await db.ExportTemplates.AllAsync(t => t.IsActive && !t.IsPremium));
        Assert.Equal(5L, await ScalarAsync<long>(cs, "SELECT nextval(pg_get_serial_sequence('export_exporttemplate', 'id'))"));
        Assert.Equal(5L, await ScalarAsync<long>(cs, "SELECT nextval(pg_get_serial_sequence('generation_cvtemplate', 'id'))"));
    }

    [Fact]
    public async Task Rows_already_there_are_kept_the_identity_never_moves_back_and_down_removes_only_the_seed()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("tplmig", migrated: false);
        await using var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(cs));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO generation_cvtemplate (id, name, category, description, preview_image_url, template_config, prompt_template, is_premium, is_active, created_at)
                VALUES (1, 'Imported', 'modern', 'd', '', '{}', 'p', false, true, '2024-01-01T00:00:00Z');
                INSERT INTO export_exporttemplate (id, name, category, description, preview_image_url, template_config, css_styles, is_premium, is_active, created_at)
                VALUES (7, 'Imported seven', 'classic', '', '', '{}', '', false, true, '2024-01-01T00:00:00Z');
                ALTER TABLE export_exporttemplate ALTER COLUMN id RESTART WITH 10;
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();

        Assert.Equal(["Imported", "Modern Tech", "Classic", "Creative"], await db.CvTemplates.OrderBy(t => t.Id).Select(t => t.Name).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 7], await db.ExportTemplates.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
        Assert.Equal(10L, await ScalarAsync<long>(cs, "SELECT nextval(pg_get_serial_sequence('export_exporttemplate', 'id'))"));
        Assert.Equal(5L, await ScalarAsync<long>(cs, "SELECT nextval(pg_get_serial_sequence('generation_cvtemplate', 'id'))"));

        await migrator.MigrateAsync(Before);

        Assert.Equal(["Imported"], await db.CvTemplates.Select(t => t.Name).ToListAsync());
        Assert.Equal(["Imported seven"], await db.ExportTemplates.Select(t => t.Name).ToListAsync());
    }

    static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
