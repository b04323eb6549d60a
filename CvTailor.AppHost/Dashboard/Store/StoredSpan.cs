namespace CvTailor.AppHost.Dashboard.Store;

public enum SpanStatus
{
    Unset,
    Ok,
    Error,
}

public sealed record SpanEvent(DateTime Time, string Name, IReadOnlyList<TelemetryTag> Attributes)
{
    /// <summary>Exception events follow the semantic convention name "exception".</summary>
    public bool IsException => Name == "exception";
}

public sealed record SpanLink(string TraceId, string SpanId, IReadOnlyList<TelemetryTag> Attributes);

/// <summary>A received span, ids as lowercase hex, times in UTC.</summary>
public sealed record StoredSpan
{
    public required TelemetryResource Resource { get; init; }
    public required string Scope { get; init; }
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public required string ParentSpanId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public required SpanStatus Status { get; init; }
    public required string StatusMessage { get; init; }
    public required IReadOnlyList<TelemetryTag> Attributes { get; init; }
    public required IReadOnlyList<SpanEvent> Events { get; init; }
    public required IReadOnlyList<SpanLink> Links { get; init; }
    public long EstimatedBytes { get; init; }

    public TimeSpan Duration => End >= Start ? End - Start : TimeSpan.Zero;
}
