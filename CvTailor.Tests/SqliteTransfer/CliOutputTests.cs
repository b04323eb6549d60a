using CvTailor.SqliteTransfer.Cli;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;
using Spectre.Console.Testing;
using static CvTailor.Tests.SqliteTransfer.TransferTestDatabase;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// What import-sqlite and export-sqlite print is true: a source that is not a usable original database is refused by
/// name with the bad-input exit code before anything is written or copied; a dry run does not claim to have compared
/// media it never copied; a damaged file names the file and the table; an export speaks of an export.
/// </summary>
[Collection(SqliteTransferCliGroup.Name)]
public sealed class CliOutputTests : IDisposable
{
    readonly OriginalDatabaseFixture _original = new();

    static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var exit = await SqliteTransferCli.RunAsync(args, console);
        return (exit, console.Output);
    }

    async Task AssertRefusedAsync(string file, string problem)
    {
        var target = await CreateAsync();
        var storage = _original.NewStorageRoot();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        var fresh = await TotalRowsAsync(target, tables);

        var (exit, output) = await RunAsync("import-sqlite", file, "--target", target, "--media", _original.MediaDirectory, "--storage-root", storage);

        Assert.Equal((int)ImportOutcome.InvalidSource, exit);
        Assert.Contains($"{file}: {problem}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("import complete", output, StringComparison.Ordinal);
        Assert.Equal(fresh, await TotalRowsAsync(target, tables));
        Assert.False(Directory.Exists(storage), "no media file may be copied from a refused source");
    }

    [Theory]
    [InlineData("bench-import")]
    [InlineData("bench")] // its name before the tool was renamed from "Migrator": scripts may still call it
    public async Task The_import_benchmark_answers_to_its_name_and_to_its_earlier_name(string name)
    {
        var (exit, output) = await RunAsync(name, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("time our load and load+verify against pgloader", output, StringComparison.Ordinal);
        Assert.Contains("--size-mb", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused_by_name_with_exit_code_2_and_nothing_is_copied()
    {
        var file = Path.Combine(_original.Directory, "empty.sqlite3");
        await File.WriteAllBytesAsync(file, []);
        await AssertRefusedAsync(file, "the file is empty (0 bytes)");
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused_by_name_with_exit_code_2()
    {
        var file = Path.Combine(_original.Directory, "notes.sqlite3");
        await File.WriteAllTextAsync(file, "id,title\n1,not a database\n");
        await AssertRefusedAsync(file, "not a SQLite database");
    }

    [Fact]
    public async Task A_SQLite_file_that_is_not_an_original_database_is_refused()
    {
        var file = Path.Combine(_original.Directory, "other.sqlite3");
        await using (var other = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');";
            await command.ExecuteNonQueryAsync();
        }

        await AssertRefusedAsync(file, "a SQLite database, but not an original CV Tailor database (it has no accounts_user table)");
    }

    [Fact]
    public async Task A_missing_file_is_refused_by_name()
    {
        await AssertRefusedAsync(Path.Combine(_original.Directory, "absent.sqlite3"), "no such file");
    }

    [Fact]
    public async Task Damaged_pages_name_the_file_and_the_table_and_leave_target_and_storage_untouched()
    {
        // Overwrite the b-tree page that holds artifacts_artifact's rows with garbage.
        long page, pageSize;
        await using (var db = new SqliteConnection($"Data Source={_original.DatabasePath};Pooling=False"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'artifacts_artifact'";
            page = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size";
            pageSize = (long)(await command.ExecuteScalarAsync())!;
        }

        await using (var stream = new FileStream(_original.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            stream.Position = (page - 1) * pageSize;
            await stream.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
        }

        await AssertRefusedAsync(_original.DatabasePath, "table artifacts_artifact cannot be read, the file is damaged");
    }

    [Fact]
    public async Task A_dry_run_says_which_media_it_would_copy_and_claims_no_comparison()
    {
        var target = await CreateAsync();
        var storage = _original.NewStorageRoot();

        var (exit, output) = await RunAsync("import-sqlite", _original.DatabasePath, "--target", target, "--media", _original.MediaDirectory, "--storage-root", storage, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains($"media: {OriginalDatabaseFixture.MediaFiles.Count} files", output, StringComparison.Ordinal);
        Assert.Contains("would be copied", output, StringComparison.Ordinal);
        Assert.Contains("nothing copied, so nothing compared", output, StringComparison.Ordinal);
        Assert.DoesNotContain("identical", output, StringComparison.Ordinal);
        Assert.Contains("no media copied", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(storage));
    }

    [Fact]
    public async Task Export_messages_speak_of_an_export()
    {
        var target = await CreateAsync();
        Assert.Equal(0, (await RunAsync("import-sqlite", _original.DatabasePath, "--target", target)).Exit);
        var file = Path.Combine(_original.Directory, "exported.sqlite3");

        var (exit, output) = await RunAsync("export-sqlite", file, "--source", target);

        Assert.Equal(0, exit);
        Assert.Contains("export complete", output, StringComparison.Ordinal);
        Assert.Contains("django_migrations written anew", output, StringComparison.Ordinal);
        Assert.Contains("not exported, the original schema has no place for them: ", output, StringComparison.Ordinal);
        Assert.Contains("artifact_chunks.embedding_dimensions", output, StringComparison.Ordinal);
        Assert.Contains("embedding_jobs", output, StringComparison.Ordinal);
        foreach (var importWording in new[] { "import", "not carried", "gets its default", "target keeps", "re-embedding" })
        {
            Assert.DoesNotContain(importWording, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Verification_names_the_rows_that_differ_by_primary_key()
    {
        var target = await CreateAsync();
        Assert.Equal(0, (await RunAsync("import-sqlite", _original.DatabasePath, "--target", target)).Exit);

        // One row altered, one deleted, one added behind the file's back.
        await ExecuteAsync(target, "UPDATE artifacts_artifact SET title = title || '!' WHERE id = 12");
        await ExecuteAsync(target, "DELETE FROM export_exportanalytics WHERE id = 2");
        await ExecuteAsync(target, "INSERT INTO export_exportanalytics (id, event_type, metadata, user_agent, ip_address, created_at, export_job_id) " +
            "SELECT 9, event_type, metadata, user_agent, ip_address, created_at, export_job_id FROM export_exportanalytics WHERE id = 1");
        var uuid = Guid.ParseExact(OriginalDatabaseFixture.DocumentId, "N");
        await ExecuteAsync(target, $"UPDATE generation_generateddocument SET content = '{{\"summary\": \"changed\"}}' WHERE id = '{uuid}'");

        var (exit, output) = await RunAsync("import-sqlite", _original.DatabasePath, "--verify-only", "--target", target);

        Assert.Equal(1, exit);
        Assert.Contains("artifacts_artifact: checksum differs", output, StringComparison.Ordinal);
        Assert.Contains("first differing rows by primary key: 12 differs", output, StringComparison.Ordinal);
        Assert.Contains("first differing rows by primary key: 2 missing from PostgreSQL, 9 not in the SQLite file", output, StringComparison.Ordinal);
        Assert.Contains($"first differing rows by primary key: {uuid} differs", output, StringComparison.Ordinal);
        Assert.DoesNotContain("artifacts_artifactprocessingjob: checksum differs", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_of_differing_rows_is_bounded()
    {
        var target = await CreateAsync();
        Assert.Equal(0, (await RunAsync("import-sqlite", _original.DatabasePath, "--target", target)).Exit);
        await ExecuteAsync(target, "INSERT INTO generation_skillstaxonomy (id, skill_name, category, aliases, related_skills, popularity_score, is_active) " +
            "SELECT 100 + n, 'extra ' || n, 'programming', '[]', '[]', 0, true FROM generate_series(1, 25) n");

        var (exit, output) = await RunAsync("import-sqlite", _original.DatabasePath, "--verify-only", "--target", target);

        Assert.Equal(1, exit);
        var line = output.Split('\n').Single(l => l.Contains("generation_skillstaxonomy: 1 rows expected, target has 26", StringComparison.Ordinal));
        Assert.Contains("101 not in the SQLite file, 102 not in the SQLite file", line, StringComparison.Ordinal);
        Assert.Contains("110 not in the SQLite file, …", line, StringComparison.Ordinal);
        Assert.DoesNotContain("111 not in", line, StringComparison.Ordinal);
    }

    public void Dispose() => _original.Dispose();
}
