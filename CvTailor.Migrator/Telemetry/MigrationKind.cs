using Microsoft.Extensions.Hosting;

namespace CvTailor.Migrator.Telemetry;

/// <summary>The span names and row counter of one migrator command.</summary>
public sealed record MigrationKind(string Command, string RunSpan, string TableSpan, bool CountsRows)
{
    public static MigrationKind Import { get; } =
        new("import-sqlite", TelemetryNames.Spans.Import, TelemetryNames.Spans.ImportTable, CountsRows: true);

    /// <summary>--verify-only reads both sides and writes nothing: its per-table reads are verification, not loads.</summary>
    public static MigrationKind VerifyOnly { get; } =
        new("import-sqlite", TelemetryNames.Spans.Import, TelemetryNames.Spans.ImportTable, CountsRows: false);

    public static MigrationKind Export { get; } =
        new("export-sqlite", TelemetryNames.Spans.ExportSqlite, TelemetryNames.Spans.ExportSqliteTable, CountsRows: true);
}
