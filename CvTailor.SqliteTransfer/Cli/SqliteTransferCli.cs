using System.CommandLine;
using System.Diagnostics;
using CvTailor.Data;
using CvTailor.SqliteTransfer.Bench;
using CvTailor.SqliteTransfer.Export;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Telemetry;
using CvTailor.SqliteTransfer.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Spectre.Console;

namespace CvTailor.SqliteTransfer.Cli;

/// <summary>
/// The commands: <c>import-sqlite</c>, <c>export-sqlite</c>, <c>resume-jobs</c>, <c>release-expired</c>, <c>bench-import</c>
/// (alias <c>bench</c>, its name before the tool was renamed from "Migrator").
/// </summary>
public static class SqliteTransferCli
{
    /// <summary>Exit code of a failure that rolled back (a crash, a cancelled run, an injected fault).</summary>
    public const int FailedExitCode = 5;

    /// <summary>service.name of the tool's telemetry unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string DefaultServiceName = "sqlite-transfer";

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        configuration ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

        var root = new RootCommand("CV Tailor SQLite import/export: moves an original CV Tailor SQLite database to PostgreSQL and back, verified.")
        {
            ImportCommand(console, configuration),
            ExportCommand(console, configuration),
            ReleaseCommand(console, configuration, "resume-jobs",
                "Give the jobs an import held (queued or running in the original app) back to the services, which then resume them.",
                ImportHolds.ResumeJobsAsync, "resumed"),
            ReleaseCommand(console, configuration, "release-expired",
                "Give the documents/exports an import kept although past their expiry back to the Api's retention sweep, which then deletes them and their files.",
                ImportHolds.ReleaseExpiredAsync, "released to the retention sweep"),
            BenchCommand(console, configuration),
        };
        // Exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set; disposing flushes, so even a refused run's spans arrive.
        await using var telemetry = ConsoleTelemetry.Start(configuration, DefaultServiceName);
        var output = new StringWriter();
        var result = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, ct);
        if (output.GetStringBuilder().Length > 0)
        {
            console.Write(new Text(output.ToString()));
        }

        return result;
    }

    static Command ImportCommand(IAnsiConsole console, IConfiguration configuration)
    {
        var file = new Argument<FileInfo>("file") { Description = "The original app's SQLite file (db.sqlite3)." };
        var media = new Option<DirectoryInfo?>("--media") { Description = "The original's media/ directory; its files are copied into the storage root." };
        var storageRoot = new Option<string?>("--storage-root") { Description = "Where uploaded files live now (default: configuration Storage:Root)." };
        var target = new Option<string?>("--target") { Description = "PostgreSQL connection string (default: ConnectionStrings:cvtailor)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Load and verify inside a transaction, then roll back: counts and checks, writes nothing." };
        var verifyOnly = new Option<bool>("--verify-only") { Description = "Compare the file with the target database; write nothing." };
        var batchSize = new Option<int>("--batch-size") { Description = "At most this many rows per chunk a SQLite reader hands to COPY.", DefaultValueFactory = _ => 1000 };
        var faultAfter = new Option<long?>("--fault-after-rows") { Description = "Testing aid: fail after N rows to show that nothing is kept.", Hidden = true };
        var resumeJobs = new Option<bool>("--resume-jobs") { Description = "Leave the source's queued/running jobs queued: the services resume them on their first start (default: held until resume-jobs)." };
        var dropExpired = new Option<bool>("--drop-expired") { Description = "Leave documents/exports already past their expiry to the Api's retention sweep, which deletes them (default: kept until release-expired)." };
        var skipVerification = new Option<bool>("--skip-verification") { Description = "Benchmark aid: commit without verifying (times the load alone); never for a real import.", Hidden = true };
        var timings = new Option<bool>("--timings") { Description = "Print when each part of the run (per table: read, COPY, index rebuild; media; verification) started and ended." };
        var command = new Command("import-sqlite", "Import an original CV Tailor SQLite database into an empty PostgreSQL schema, verified, in one transaction.")
        {
            file, media, storageRoot, target, dryRun, verifyOnly, resumeJobs, dropExpired, batchSize, faultAfter, skipVerification, timings,
        };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = parse.GetValue(target) ?? configuration.GetConnectionString(CvTailorDatabase.ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("[red]No target: pass --target or set ConnectionStrings:cvtailor (env ConnectionStrings__cvtailor).[/]");
                return (int)ImportOutcome.InvalidSource;
            }

            var options = new ImportOptions
            {
                SourcePath = parse.GetValue(file)!.FullName,
                TargetConnectionString = connectionString,
                MediaDirectory = parse.GetValue(media)?.FullName,
                StorageRoot = parse.GetValue(storageRoot) ?? NullIfEmpty(configuration["Storage:Root"]),
                DryRun = parse.GetValue(dryRun),
                BatchSize = Math.Max(1, parse.GetValue(batchSize)),
                FaultAfterRows = parse.GetValue(faultAfter),
                Verify = !parse.GetValue(skipVerification),
                ResumeJobs = parse.GetValue(resumeJobs),
                DropExpired = parse.GetValue(dropExpired),
                Now = DateTime.UtcNow,
                BeforeWriting = survey => PrintHolds(console, survey, parse.GetValue(resumeJobs), parse.GetValue(dropExpired)),
                Timeline = parse.GetValue(timings) ? new ImportTimeline() : null,
            };
            var verify = parse.GetValue(verifyOnly);
            console.MarkupLine($"{(verify ? "verifying" : options.DryRun ? "dry run of importing" : "importing")} [bold]{Markup.Escape(options.SourcePath)}[/] " +
                $"into [bold]{Markup.Escape(Describe(connectionString))}[/]");
            KeyValuePair<string, object?>[] tags =
            [
                new(TelemetryNames.Attributes.ImportSource, Path.GetFileName(options.SourcePath)),
                new(TelemetryNames.Attributes.DryRun, options.DryRun),
                new(TelemetryNames.Attributes.VerifyOnly, verify),
            ];
            var exitCode = await RunReportedAsync(console, verify ? "verification" : "import", verify ? TransferKind.VerifyOnly : TransferKind.Import, tags, progress => verify
                ? SqliteVerifier.RunAsync(options, progress, ct)
                : new SqliteImporter(progress).RunAsync(options, ct));
            if (options.Timeline is { } timeline)
            {
                console.MarkupLine("[grey]timeline (s from the start: start, end, duration, who, what):[/]");
                foreach (var line in timeline.Lines())
                {
                    console.WriteLine("  " + line);
                }
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>Before anything is written: the jobs and expired rows the source holds, and what the import will do with them.</summary>
    static void PrintHolds(IAnsiConsole console, ImportHolds.Survey survey, bool resumeJobs, bool dropExpired)
    {
        foreach (var line in ImportHolds.Describe(survey, resumeJobs, dropExpired))
        {
            console.MarkupLine($"[yellow]before writing:[/] {Markup.Escape(line)}");
        }
    }

    static Command ReleaseCommand(IAnsiConsole console, IConfiguration configuration, string name, string description,
        Func<NpgsqlConnection, CancellationToken, Task<List<(string Table, long Rows)>>> release, string done)
    {
        var target = new Option<string?>("--target") { Description = "PostgreSQL connection string (default: ConnectionStrings:cvtailor)." };
        var command = new Command(name, description) { target };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = parse.GetValue(target) ?? configuration.GetConnectionString(CvTailorDatabase.ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("[red]No target: pass --target or set ConnectionStrings:cvtailor (env ConnectionStrings__cvtailor).[/]");
                return (int)ImportOutcome.InvalidSource;
            }

            await using var dataSource = TargetDatabase.CreateDataSource(connectionString);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var released = await release(connection, ct);
            console.MarkupLine($"{Markup.Escape(Describe(connectionString))}: {released.Sum(r => r.Rows):N0} held rows {done} (" +
                Markup.Escape(string.Join(", ", released.Select(r => $"{r.Table} {r.Rows:N0}"))) + ")");
            return 0;
        });
        return command;
    }

    static Command ExportCommand(IAnsiConsole console, IConfiguration configuration)
    {
        var file = new Argument<FileInfo>("file") { Description = "The SQLite file to write (the original app's db.sqlite3)." };
        var source = new Option<string?>("--source") { Description = "PostgreSQL connection string (default: ConnectionStrings:cvtailor)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the file if it exists." };
        var command = new Command("export-sqlite", "Write the PostgreSQL data into a SQLite file in the original app's exact schema (rollback path), then verify it.")
        {
            file, source, overwrite,
        };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = parse.GetValue(source) ?? configuration.GetConnectionString(CvTailorDatabase.ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("[red]No source database: pass --source or set ConnectionStrings:cvtailor.[/]");
                return (int)ImportOutcome.InvalidSource;
            }

            var options = new ExportOptions
            {
                OutputPath = parse.GetValue(file)!.FullName,
                SourceConnectionString = connectionString,
                Overwrite = parse.GetValue(overwrite),
            };
            console.MarkupLine($"exporting [bold]{Markup.Escape(Describe(connectionString))}[/] to [bold]{Markup.Escape(options.OutputPath)}[/]");
            return await RunReportedAsync(console, "export", TransferKind.Export, [], progress => new SqliteExporter(progress).RunAsync(options, ct));
        });
        return command;
    }

    static Command BenchCommand(IAnsiConsole console, IConfiguration configuration)
    {
        var size = new Option<int>("--size-mb") { Description = "Approximate size of the generated original database.", DefaultValueFactory = _ => 120 };
        var server = new Option<string?>("--server") { Description = "PostgreSQL server (connection string; default: ConnectionStrings:cvtailor's server). Scratch databases are created and dropped." };
        var work = new Option<DirectoryInfo?>("--work-dir") { Description = "Where the generated SQLite file goes (default: a temporary directory)." };
        var noPgloader = new Option<bool>("--no-pgloader") { Description = "Skip the pgloader comparison." };
        var command = new Command("bench-import", "Generate an original-format database and time our load and load+verify against pgloader on the same file.")
        {
            size, server, work, noPgloader,
        };
        command.Aliases.Add("bench");
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = parse.GetValue(server) ?? configuration.GetConnectionString(CvTailorDatabase.ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("[red]No server: pass --server or set ConnectionStrings:cvtailor.[/]");
                return 2;
            }

            var bench = new TransferBenchmark(console, new TransferBenchmark.Options(
                connectionString, parse.GetValue(size), parse.GetValue(work)?.FullName, !parse.GetValue(noPgloader)));
            return await bench.RunAsync(ct);
        });
        return command;
    }

    static async Task<int> RunReportedAsync(
        IAnsiConsole console, string action, TransferKind kind, IEnumerable<KeyValuePair<string, object?>> tags, Func<ITransferProgress, Task<ImportResult>> run)
    {
        using var activity = TransferTelemetry.Source.StartActivity(kind.RunSpan, ActivityKind.Internal, parentContext: default, tags);
        var tracing = new TracingProgress(activity, kind);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        Exception? error = null;
        var committed = false;
        try
        {
            ImportResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = await console.Progress().AutoClear(false).HideCompleted(false).Columns(SpectreProgress.Columns)
                    .StartAsync(context => run(tracing.Over(new SpectreProgress(context))));
            }
            else
            {
                result = await run(tracing.Over(new PlainProgress(console)));
            }

            outcome = OutcomeName(result.Outcome);
            committed = result.Outcome == ImportOutcome.Imported;
            Describe(activity, result, outcome);
            ReportPrinter.Print(console, result, action);
            return result.ExitCode;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex;
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag(TelemetryNames.Attributes.Outcome, outcome);
            console.MarkupLine($"[red]{Markup.Escape(action)} failed; nothing was kept:[/] {Markup.Escape(ex.Message)}");
            return ex is SourceFileException or FileNotFoundException or DirectoryNotFoundException ? (int)ImportOutcome.InvalidSource : FailedExitCode;
        }
        finally
        {
            tracing.Finish(error, committed);
            TransferTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(TelemetryNames.Attributes.MigratorCommand, kind.Command),
                new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome));
        }
    }

    static void Describe(Activity? activity, ImportResult result, string outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryNames.Attributes.Outcome, outcome);
        activity.SetTag(TelemetryNames.Attributes.RowsTotal, result.Tables.Sum(t => t.Loaded));
        activity.SetTag(TelemetryNames.Attributes.SkippedRows, (long)result.Skipped.Count);
        if (result.ExitCode != 0)
        {
            // A refused or invalid run did not throw, but it failed: the span says so, with the first reason.
            activity.SetStatus(ActivityStatusCode.Error, result.Messages.Count > 0 ? result.Messages[0] : outcome);
        }
    }

    static string OutcomeName(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Imported => "imported",
        ImportOutcome.VerificationFailed => "verification_failed",
        ImportOutcome.InvalidSource => "invalid_source",
        ImportOutcome.Refused => "refused",
        ImportOutcome.DryRun => "dry_run",
        _ => "failed",
    };

    /// <summary>Host/port/database only: the password never reaches the console.</summary>
    static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
