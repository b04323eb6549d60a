using CvTailor.Api.BackgroundWork;
using CvTailor.SqliteTransfer.Cli;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Testing;
using static CvTailor.Tests.SqliteTransfer.TransferTestDatabase;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// The first start of the services on imported data: jobs that were queued or running in the original are held, not
/// resumed, and documents/exports already past their expiry are kept from the retention sweep, until the operator
/// releases them (resume-jobs, release-expired) or chose otherwise at import time (--resume-jobs, --drop-expired).
/// The import says so before it writes. Runs the real Api's sweep on the imported database.
/// </summary>
[Collection(SqliteTransferCliGroup.Name)]
public sealed class FirstStartPolicyTests : IDisposable
{
    const string ExpiredDocumentId = "ddddddddddddddddddddddddddddddd1";
    static readonly string s_queuedDocument = Guid.ParseExact(OriginalDatabaseFixture.DocumentId, "N").ToString();
    static readonly string s_expiredDocument = Guid.ParseExact(ExpiredDocumentId, "N").ToString();
    static readonly string s_expiredExport = Guid.ParseExact(OriginalDatabaseFixture.ExportJobId, "N").ToString();
    readonly OriginalDatabaseFixture _original = new();

    public FirstStartPolicyTests()
    {
        // Queued in the original: an artifact processing job and a generation; past their expiry: a document and an export.
        _original.Execute("""
            UPDATE artifacts_artifactprocessingjob SET status = 'pending', progress_percentage = 0, completed_at = NULL;
            UPDATE generation_generateddocument SET status = 'processing', progress_percentage = 0, completed_at = NULL, expires_at = '2099-01-01 00:00:00';
            CREATE TEMP TABLE expired AS SELECT * FROM generation_generateddocument;
            UPDATE expired SET id = 'ddddddddddddddddddddddddddddddd1', status = 'completed', progress_percentage = 100, expires_at = '2024-04-05 00:00:00';
            INSERT INTO generation_generateddocument SELECT * FROM expired;
            UPDATE export_exportjob SET expires_at = '2024-01-09 00:00:00';
            """);
    }

    static async Task<(int Exit, string Output)> CliAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var exit = await SqliteTransferCli.RunAsync(args, console);
        return (exit, console.Output);
    }

    static Task SweepAsync(ApiServer server, bool startup) =>
        server.Services.GetServices<IHostedService>().OfType<RetentionSweeper>().Single().SweepAsync(startup, CancellationToken.None);

    static async Task<string?> StatusAsync(string target, string table, string id) =>
        await ScalarAsync<string?>(target, $"SELECT status FROM {table} WHERE id = '{id}'");

    [Fact]
    public async Task Queued_jobs_are_held_and_expired_rows_kept_until_the_operator_releases_them()
    {
        await using var server = await ApiServer.StartAsync();
        var target = server.ConnectionString;
        var exportFile = Path.Combine(server.StorageRoot, "exports", "cv_1_über.pdf");

        var (exit, output) = await CliAsync("import-sqlite", _original.DatabasePath, "--target", target, "--media", _original.MediaDirectory, "--storage-root", server.StorageRoot);

        Assert.Equal(0, exit);
        // Said before anything is written (the per-table lines come after).
        var jobs = output.IndexOf("before writing: the source holds 2 queued or running jobs (artifact processing 1, document generation 1, export 0): they will be held", StringComparison.Ordinal);
        var expired = output.IndexOf("before writing: the source holds 2 documents and exports already past their expiry (document generation 1, export 1): they will be kept", StringComparison.Ordinal);
        Assert.True(jobs >= 0 && expired >= 0, output);
        Assert.True(Math.Max(jobs, expired) < output.IndexOf("rows/s", StringComparison.Ordinal), output);
        Assert.Contains("resume-jobs", output, StringComparison.Ordinal);
        Assert.Contains("release-expired", output, StringComparison.Ordinal);
        Assert.Equal("held:pending", await ScalarAsync<string>(target, "SELECT status FROM artifacts_artifactprocessingjob"));
        Assert.Equal("held:processing", await StatusAsync(target, "generation_generateddocument", s_queuedDocument));
        Assert.Equal("held:completed", await StatusAsync(target, "generation_generateddocument", s_expiredDocument));
        Assert.Equal("held:completed", await StatusAsync(target, "export_exportjob", s_expiredExport));

        // First start: the startup sweep requeues nothing held and deletes nothing held.
        await SweepAsync(server, startup: true);
        Assert.Equal("held:pending", await ScalarAsync<string>(target, "SELECT status FROM artifacts_artifactprocessingjob"));
        Assert.Equal("held:processing", await StatusAsync(target, "generation_generateddocument", s_queuedDocument));
        Assert.Equal("held:completed", await StatusAsync(target, "generation_generateddocument", s_expiredDocument));
        Assert.Equal("held:completed", await StatusAsync(target, "export_exportjob", s_expiredExport));
        Assert.True(File.Exists(exportFile));

        // A hold is no difference from the file.
        Assert.Equal(0, (await CliAsync("import-sqlite", _original.DatabasePath, "--verify-only", "--target", target)).Exit);

        // The operator lets the expired rows go: the next sweep deletes them and the export's file; the jobs stay held.
        var release = await CliAsync("release-expired", "--target", target);
        Assert.Equal(0, release.Exit);
        Assert.Contains("2 held rows released to the retention sweep", release.Output, StringComparison.Ordinal);
        await SweepAsync(server, startup: false);
        Assert.Null(await StatusAsync(target, "generation_generateddocument", s_expiredDocument));
        Assert.Null(await StatusAsync(target, "export_exportjob", s_expiredExport));
        Assert.False(File.Exists(exportFile));
        Assert.Equal("held:processing", await StatusAsync(target, "generation_generateddocument", s_queuedDocument));

        // Then resumes the jobs: their original statuses, which the claims match.
        var resume = await CliAsync("resume-jobs", "--target", target);
        Assert.Equal(0, resume.Exit);
        Assert.Contains("2 held rows resumed", resume.Output, StringComparison.Ordinal);
        Assert.Equal("pending", await ScalarAsync<string>(target, "SELECT status FROM artifacts_artifactprocessingjob"));
        Assert.Equal("processing", await StatusAsync(target, "generation_generateddocument", s_queuedDocument));
    }

    [Fact]
    public async Task With_resume_jobs_and_drop_expired_the_rows_stay_as_they_were_and_the_sweep_deletes_the_expired()
    {
        await using var server = await ApiServer.StartAsync();
        var target = server.ConnectionString;

        var (exit, output) = await CliAsync("import-sqlite", _original.DatabasePath, "--target", target, "--resume-jobs", "--drop-expired");

        Assert.Equal(0, exit);
        Assert.Contains("--resume-jobs: they stay queued, and the services resume them on their first start", output, StringComparison.Ordinal);
        Assert.Contains("--drop-expired: the Api's retention sweep deletes them", output, StringComparison.Ordinal);
        Assert.Equal("pending", await ScalarAsync<string>(target, "SELECT status FROM artifacts_artifactprocessingjob"));
        Assert.Equal("processing", await StatusAsync(target, "generation_generateddocument", s_queuedDocument));
        Assert.Equal("completed", await StatusAsync(target, "generation_generateddocument", s_expiredDocument));

        await SweepAsync(server, startup: false);

        Assert.Null(await StatusAsync(target, "generation_generateddocument", s_expiredDocument));
        Assert.Null(await StatusAsync(target, "export_exportjob", s_expiredExport));
    }

    [Fact]
    public async Task Export_writes_held_rows_with_their_original_status()
    {
        var target = await CreateAsync();
        Assert.Equal(0, (await CliAsync("import-sqlite", _original.DatabasePath, "--target", target)).Exit);
        var file = Path.Combine(_original.Directory, "exported.sqlite3");

        Assert.Equal(0, (await CliAsync("export-sqlite", file, "--source", target)).Exit);

        await using var exported = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await exported.OpenAsync();
        await using var command = exported.CreateCommand();
        command.CommandText = "SELECT group_concat(status, ',') FROM (SELECT status FROM artifacts_artifactprocessingjob UNION ALL SELECT status FROM generation_generateddocument UNION ALL SELECT status FROM export_exportjob ORDER BY 1)";
        Assert.Equal("completed,completed,pending,processing", await command.ExecuteScalarAsync());
    }

    public void Dispose() => _original.Dispose();
}
