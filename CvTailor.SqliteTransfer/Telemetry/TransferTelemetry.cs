using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace CvTailor.SqliteTransfer.Telemetry;

/// <summary>The SQLite import/export tool's ActivitySource and instruments (CvTailor.Import); docs/telemetry.md lists them.</summary>
public static class TransferTelemetry
{
    public static readonly ActivitySource Source = new(CvTailorTelemetry.Import);

    static readonly Meter Meter = new(CvTailorTelemetry.Import);

    public static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.ImportRows, "{row}", "Rows imported from an original SQLite database, by table.");

    public static readonly Counter<long> ExportedRows = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.ExportSqliteRows, "{row}", "Rows written to an original-format SQLite file, by table.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        TelemetryNames.Instruments.MigrationDuration, "s", "Duration of one import-sqlite or export-sqlite run.");
}
