namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>What the instrument list shows for one instrument of one resource.</summary>
public sealed record MetricInstrumentSummary(
    TelemetryResource Resource,
    string Scope,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool IsMonotonic,
    bool IsDelta,
    int SeriesCount,
    int PointCount,
    DateTime LastUpdate);

/// <summary>The points of one dimension set (attribute combination), oldest first.</summary>
public sealed record MetricSeriesSnapshot(IReadOnlyList<TelemetryTag> Dimensions, IReadOnlyList<MetricPoint> Points)
{
    public string Label => Dimensions.Count == 0 ? "(no dimensions)" : string.Join(", ", Dimensions.Select(d => $"{d.Key}={d.Value}"));
}

public sealed record MetricInstrumentSnapshot(MetricInstrumentSummary Summary, IReadOnlyList<MetricSeriesSnapshot> Series);
