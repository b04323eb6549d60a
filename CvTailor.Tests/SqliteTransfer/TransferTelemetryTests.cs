using System.Diagnostics.Metrics;
using System.Globalization;
using CvTailor.SqliteTransfer.Cli;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.Tests.AppHost;
using CvTailor.Tests.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Testing;
using static CvTailor.Tests.SqliteTransfer.TransferTestDatabase;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// import-sqlite and export-sqlite, given OTLP variables pointing at the Aspire dashboard the AppHost starts, deliver
/// their spans there (read back through the dashboard's telemetry API); their row counters count only committed
/// rows; without the variables they run as before.
/// </summary>
[Collection(SqliteTransferCliGroup.Name)]
public sealed class TransferTelemetryTests : IDisposable
{
    readonly OriginalDatabaseFixture _original = new();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Import_runs_export_run_table_and_error_spans_and_row_counts(string protocol)
    {
        var system = await AspireAppFixture.SharedAsync;
        var service = $"sqlite-transfer-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = (protocol == "grpc" ? system.OtlpGrpc : system.OtlpHttp).ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = service,
        };
        if (system.OtlpApiKey is { Length: > 0 } key)
        {
            settings["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={key}";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var target = await CreateAsync();
        var baseline = await CreateAsync();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        string[] import = ["import-sqlite", _original.DatabasePath, "--target", target];
        using var counters = new RowCounters();

        // A run that fails mid-way (rolled back), then the real import, then a refused second import.
        Assert.Equal(SqliteTransferCli.FailedExitCode, await SqliteTransferCli.RunAsync([.. import, "--fault-after-rows", "3"], new TestConsole(), configuration));
        Assert.Equal(0, await SqliteTransferCli.RunAsync(import, new TestConsole(), configuration));
        Assert.Equal(3, await SqliteTransferCli.RunAsync(import, new TestConsole(), configuration));
        var file = Path.Combine(_original.Directory, "exported.sqlite3");
        Assert.Equal(0, await SqliteTransferCli.RunAsync(["export-sqlite", file, "--source", target], new TestConsole(), configuration));

        var spans = await Eventually.WaitAsync(() => system.SpansAsync(service, CancellationToken.None),
            s => s.Count(x => x.Name == TelemetryNames.Spans.Import) == 3 && s.Any(x => x.Name == TelemetryNames.Spans.ExportSqlite),
            TimeSpan.FromSeconds(60), "the dashboard to hold three import runs and the export");
        var runs = spans.Where(s => s.Name == TelemetryNames.Spans.Import).ToDictionary(s => s.Tag(TelemetryNames.Attributes.Outcome)!);
        Assert.Equal(["failed", "imported", "refused"], runs.Keys.Order());

        var imported = runs["imported"];
        Assert.False(imported.IsError);
        Assert.Equal("db.sqlite3", imported.Tag(TelemetryNames.Attributes.ImportSource));
        Assert.Equal("false", imported.Tag(TelemetryNames.Attributes.DryRun));
        Assert.Equal("false", imported.Tag(TelemetryNames.Attributes.VerifyOnly));
        var trace = spans.Where(s => s.TraceId == imported.TraceId).ToList();
        var tableSpans = trace.Where(s => s.Name == TelemetryNames.Spans.ImportTable).ToList();
        Assert.All(tableSpans, s => Assert.Equal(imported.SpanId, s.ParentSpanId));
        Assert.Equal(tables.Order(), tableSpans.Select(s => s.Tag(TelemetryNames.Attributes.ImportTable)!).Order());
        Assert.Single(trace, s => s.Name == TelemetryNames.Spans.ImportVerify && s.ParentSpanId == imported.SpanId);

        // Per table: span rows = counter = the rows the importer reports loading (a dry run of the same file on a fresh
        // schema; rows added to the target are no measure where a source row replaced a seeded built-in).
        var dryRun = await new SqliteImporter(SilentProgress.Instance).RunAsync(
            new ImportOptions { SourcePath = _original.DatabasePath, TargetConnectionString = baseline, DryRun = true }, CancellationToken.None);
        Assert.Equal(ImportOutcome.DryRun, dryRun.Outcome);
        var loads = dryRun.Tables.ToDictionary(t => t.Table, t => t.Loaded);
        long total = 0;
        foreach (var span in tableSpans)
        {
            var table = span.Tag(TelemetryNames.Attributes.ImportTable)!;
            var added = loads[table];
            Assert.Equal(added.ToString(CultureInfo.InvariantCulture), span.Tag(TelemetryNames.Attributes.TableRows));
            // Only the committed import counts: the failed and refused runs added nothing.
            Assert.Equal(added, counters.Imported(table));
            total += added;
        }
        Assert.True(total > 0);
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), imported.Tag(TelemetryNames.Attributes.RowsTotal));

        // The refused run: an error span with the reason, and no table spans.
        var refused = runs["refused"];
        Assert.True(refused.IsError);
        Assert.Contains("already holds data", refused.StatusMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(spans, s => s.TraceId == refused.TraceId && s.Name == TelemetryNames.Spans.ImportTable);

        // The failed run: error status, the exception event, and the table it failed in marked as an error.
        var failed = runs["failed"];
        Assert.True(failed.IsError);
        Assert.Contains("exception", failed.Events);
        Assert.Contains(spans, s => s.TraceId == failed.TraceId && s.Name == TelemetryNames.Spans.ImportTable && s.IsError);

        // export-sqlite: its own run span, table children and row counter.
        var export = Assert.Single(spans, s => s.Name == TelemetryNames.Spans.ExportSqlite);
        Assert.Equal("imported", export.Tag(TelemetryNames.Attributes.Outcome));
        var exportTables = spans.Where(s => s.Name == TelemetryNames.Spans.ExportSqliteTable && s.ParentSpanId == export.SpanId).ToList();
        Assert.NotEmpty(exportTables);
        Assert.Equal(exportTables.Sum(s => long.Parse(s.Tag(TelemetryNames.Attributes.TableRows)!, CultureInfo.InvariantCulture)),
            counters.Exported);
    }

    /// <summary>The import's and export's row counters as this process measures them (the same instruments OTLP exports).</summary>
    sealed class RowCounters : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly Dictionary<string, long> _imported = new(StringComparer.Ordinal);
        long _exported;

        public RowCounters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CvTailorTelemetry.Import
                    && instrument.Name is TelemetryNames.Instruments.ImportRows or TelemetryNames.Instruments.ExportSqliteRows)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_imported)
                {
                    if (instrument.Name == TelemetryNames.Instruments.ExportSqliteRows)
                    {
                        _exported += value;
                        return;
                    }
                    foreach (var tag in tags)
                    {
                        if (tag.Key == TelemetryNames.Attributes.ImportTable && tag.Value is string table)
                        {
                            _imported[table] = _imported.GetValueOrDefault(table) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public long Imported(string table)
        {
            lock (_imported)
            {
                return _imported.GetValueOrDefault(table);
            }
        }

        public long Exported
        {
            get
            {
                lock (_imported)
                {
                    return _exported;
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Without_an_endpoint_the_import_runs_without_telemetry()
    {
        var target = await CreateAsync();
        var configuration = new ConfigurationBuilder().Build();
        Assert.Null(ConsoleTelemetry.Start(configuration, SqliteTransferCli.DefaultServiceName));
        Assert.Equal(0, await SqliteTransferCli.RunAsync(["import-sqlite", _original.DatabasePath, "--target", target], new TestConsole(), configuration));
        Assert.True(await ScalarAsync<long>(target, "SELECT count(*) FROM accounts_user") > 0);
    }

    public void Dispose() => _original.Dispose();
}
