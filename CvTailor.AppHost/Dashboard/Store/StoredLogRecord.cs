namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>A received log record; <see cref="Sequence"/> orders records that share a timestamp.</summary>
public sealed record StoredLogRecord
{
    public required TelemetryResource Resource { get; init; }
    public required string Scope { get; init; }
    public required long Sequence { get; init; }
    public required DateTime Time { get; init; }
    public required int SeverityNumber { get; init; }
    public required string SeverityText { get; init; }
    public required string Body { get; init; }

    /// <summary>The body with its <c>{Placeholder}</c>s filled from the attributes (ILogger sends the template).</summary>
    public required string Message { get; init; }
    public required string EventName { get; init; }
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public required IReadOnlyList<TelemetryTag> Attributes { get; init; }
    public long EstimatedBytes { get; init; }

    /// <summary>The OTLP severity ranges: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal.</summary>
    public LogLevelName Level => SeverityNumber switch
    {
        >= 21 => LogLevelName.Critical,
        >= 17 => LogLevelName.Error,
        >= 13 => LogLevelName.Warning,
        >= 9 => LogLevelName.Information,
        >= 5 => LogLevelName.Debug,
        >= 1 => LogLevelName.Trace,
        _ => LogLevelName.Unspecified,
    };
}

public enum LogLevelName
{
    Unspecified,
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}
