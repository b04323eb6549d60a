using Microsoft.Extensions.Hosting;

namespace CvTailor.SqliteTransfer.Telemetry;

/// <summary>The span names and row counter of one import/export command.</summary>
public sealed record TransferKind(string Command, string RunSpan, string TableSpan, bool CountsRows)
{
    public static TransferKind Import { get; } =
        new("import-sqlite", TelemetryNames.Spans.Import, TelemetryNames.Spans.ImportTable, CountsRows: true);

    /// <summary>--verify-only reads both sides and writes nothing: its per-table reads are verification, not loads.</summary>
    public static TransferKind VerifyOnly { get; } =
        new("import-sqlite", TelemetryNames.Spans.Import, TelemetryNames.Spans.ImportTable, CountsRows: false);

    public static TransferKind Export { get; } =
        new("export-sqlite", TelemetryNames.Spans.ExportSqlite, TelemetryNames.Spans.ExportSqliteTable, CountsRows: true);
}
