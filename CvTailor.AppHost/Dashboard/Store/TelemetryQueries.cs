namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>Filters of the trace list; null means "any".</summary>
public sealed record TraceQuery(string? ResourceKey = null, string? Text = null, bool ErrorsOnly = false, int Limit = 200);

/// <summary>
/// Filters of the structured log list; null means "any". <see cref="AttributeKey"/> with <see cref="AttributeValue"/>
/// matches that attribute's value by substring; a value alone matches any attribute.
/// </summary>
public sealed record LogQuery(
    string? ResourceKey = null,
    LogLevelName MinLevel = LogLevelName.Unspecified,
    string? Text = null,
    string? AttributeKey = null,
    string? AttributeValue = null,
    string? TraceId = null,
    int Limit = 500);

/// <summary>What a receiver reports back: items it refused (for the OTLP partial-success response) and why.</summary>
public readonly record struct IngestResult(long Rejected, string? ErrorMessage)
{
    public static IngestResult Accepted { get; } = new(0, null);
}

/// <summary>Current sizes, for the dashboard footer, logs and the flood tests.</summary>
public sealed record TelemetryCounts(
    int Resources,
    int Spans,
    long SpanBytes,
    int Traces,
    int LogRecords,
    long LogBytes,
    int Instruments,
    int MetricPoints);
