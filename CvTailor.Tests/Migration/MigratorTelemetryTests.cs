using CvTailor.AppHost.Dashboard;
using CvTailor.AppHost.Dashboard.Store;
using CvTailor.Migrator.Cli;
using CvTailor.Migrator.Import;
using CvTailor.Migrator.Schema;
using CvTailor.Tests.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Testing;
using static CvTailor.Tests.Migration.MigrationTestDatabase;

namespace CvTailor.Tests.Migration;

/// <summary>
/// import-sqlite and export-sqlite, given the dashboard's OTLP variables, deliver their spans and row counters to the
/// dashboard's real receiver; without them they run as before.
/// </summary>
[Collection(MigratorCliGroup.Name)]
public sealed class MigratorTelemetryTests : IDisposable
{
    readonly OriginalDatabaseFixture _original = new();

    [Theory]
    [InlineData(OtlpProtocol.Grpc)]
    [InlineData(OtlpProtocol.HttpProtobuf)]
    public async Task Import_runs_export_run_table_and_error_spans_and_row_counts(OtlpProtocol protocol)
    {
        await using var dashboard = await RunningDashboard.StartAsync();
        var instanceId = $"migrator-{Guid.NewGuid():N}";
        var settings = dashboard.Host.GetOtlpEnvironment(protocol).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var target = await CreateAsync();
        var baseline = await CreateAsync();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        string[] import = ["import-sqlite", _original.DatabasePath, "--target", target];

        // A run that fails mid-way (rolled back), then the real import, then a refused second import.
        Assert.Equal(MigratorCli.FailedExitCode, await MigratorCli.RunAsync([.. import, "--fault-after-rows", "3"], new TestConsole(), configuration));
        Assert.Equal(0, await MigratorCli.RunAsync(import, new TestConsole(), configuration));
        Assert.Equal(3, await MigratorCli.RunAsync(import, new TestConsole(), configuration));

        // No OTEL_SERVICE_NAME given: the Migrator's default name.
        var key = TelemetryResource.ResourceKey(MigratorCli.DefaultServiceName, instanceId);
        var runs = dashboard.Store.GetTraces(new TraceQuery(ResourceKey: key))
            .SelectMany(t => dashboard.Store.GetTrace(t.TraceId))
            .Where(s => s.Name == TelemetryNames.Spans.Import)
            .ToDictionary(s => Tag(s, TelemetryNames.Attributes.Outcome)!);
        Assert.Equal(["failed", "imported", "refused"], runs.Keys.Order());

        var imported = runs["imported"];
        Assert.Equal(CvTailorTelemetry.Import, imported.Scope);
        Assert.NotEqual(SpanStatus.Error, imported.Status);
        Assert.Equal("db.sqlite3", Tag(imported, TelemetryNames.Attributes.ImportSource));
        Assert.Equal("false", Tag(imported, TelemetryNames.Attributes.DryRun));
        Assert.Equal("false", Tag(imported, TelemetryNames.Attributes.VerifyOnly));
        var trace = dashboard.Store.GetTrace(imported.TraceId);
        var tableSpans = trace.Where(s => s.Name == TelemetryNames.Spans.ImportTable).ToList();
        Assert.All(tableSpans, s => Assert.Equal(imported.SpanId, s.ParentSpanId));
        Assert.Equal(tables.Order(), tableSpans.Select(s => Tag(s, TelemetryNames.Attributes.ImportTable)!).Order());
        Assert.Single(trace, s => s.Name == TelemetryNames.Spans.ImportVerify && s.ParentSpanId == imported.SpanId);

        // Per table: span rows = counter = the rows the importer reports loading (a dry run of the same file on a fresh
        // schema; rows added to the target are no measure where a source row replaced a seeded built-in).
        var dryRun = await new SqliteImporter(SilentProgress.Instance).RunAsync(
            new ImportOptions { SourcePath = _original.DatabasePath, TargetConnectionString = baseline, DryRun = true }, CancellationToken.None);
        Assert.Equal(ImportOutcome.DryRun, dryRun.Outcome);
        var loads = dryRun.Tables.ToDictionary(t => t.Table, t => t.Loaded);
        var counter = dashboard.Store.GetInstrument(key, CvTailorTelemetry.Import, TelemetryNames.Instruments.ImportRows);
        Assert.NotNull(counter);
        long total = 0;
        foreach (var span in tableSpans)
        {
            var table = Tag(span, TelemetryNames.Attributes.ImportTable)!;
            var added = loads[table];
            Assert.Equal(added.ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(span, TelemetryNames.Attributes.TableRows));
            var series = counter.Series.SingleOrDefault(s => s.Dimensions.Contains(new TelemetryTag(TelemetryNames.Attributes.ImportTable, table)));
            // Only the committed import counts: the failed and refused runs added nothing.
            Assert.Equal(added, series is null ? 0 : (long)series.Points[^1].Value!.Value);
            total += added;
        }

        Assert.True(total > 0);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), Tag(imported, TelemetryNames.Attributes.RowsTotal));

        // The refused run: an error span with the reason, and no table spans.
        var refused = runs["refused"];
        Assert.Equal(SpanStatus.Error, refused.Status);
        Assert.Contains("already holds data", refused.StatusMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(dashboard.Store.GetTrace(refused.TraceId), s => s.Name == TelemetryNames.Spans.ImportTable);

        // The failed run: error status, the exception event, and the table it failed in marked as an error.
        var failed = runs["failed"];
        Assert.Equal(SpanStatus.Error, failed.Status);
        Assert.Contains(failed.Events, e => e.IsException);
        Assert.Contains(dashboard.Store.GetTrace(failed.TraceId), s => s.Name == TelemetryNames.Spans.ImportTable && s.Status == SpanStatus.Error);

        // export-sqlite: its own run span, table children and row counter.
        var file = Path.Combine(_original.Directory, "exported.sqlite3");
        Assert.Equal(0, await MigratorCli.RunAsync(["export-sqlite", file, "--source", target], new TestConsole(), configuration));
        var export = Assert.Single(
            dashboard.Store.GetTraces(new TraceQuery(ResourceKey: key)).SelectMany(t => dashboard.Store.GetTrace(t.TraceId)),
            s => s.Name == TelemetryNames.Spans.ExportSqlite);
        Assert.Equal("imported", Tag(export, TelemetryNames.Attributes.Outcome));
        var exportTables = dashboard.Store.GetTrace(export.TraceId).Where(s => s.Name == TelemetryNames.Spans.ExportSqliteTable && s.ParentSpanId == export.SpanId).ToList();
        Assert.NotEmpty(exportTables);
        var exported = dashboard.Store.GetInstrument(key, CvTailorTelemetry.Import, TelemetryNames.Instruments.ExportSqliteRows);
        Assert.NotNull(exported);
        Assert.Equal(exportTables.Sum(s => long.Parse(Tag(s, TelemetryNames.Attributes.TableRows)!, System.Globalization.CultureInfo.InvariantCulture)),
            exported.Series.Sum(s => (long)s.Points[^1].Value!.Value));
    }

    [Fact]
    public async Task Without_an_endpoint_the_import_runs_without_telemetry()
    {
        var target = await CreateAsync();
        var configuration = new ConfigurationBuilder().Build();
        Assert.Null(ConsoleTelemetry.Start(configuration, MigratorCli.DefaultServiceName));
        Assert.Equal(0, await MigratorCli.RunAsync(["import-sqlite", _original.DatabasePath, "--target", target], new TestConsole(), configuration));
        Assert.True(await ScalarAsync<long>(target, "SELECT count(*) FROM accounts_user") > 0);
    }

    static string? Tag(StoredSpan span, string key) => span.Attributes.Where(a => a.Key == key).Select(a => a.Value).FirstOrDefault();

    public void Dispose() => _original.Dispose();
}
