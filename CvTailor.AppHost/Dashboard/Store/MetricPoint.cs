namespace CvTailor.AppHost.Dashboard.Store;

public enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>
/// One data point. Gauges and sums fill <see cref="Value"/>; histograms fill count, sum and buckets
/// (<see cref="BucketCounts"/> has one more entry than <see cref="ExplicitBounds"/>); summaries fill quantiles.
/// </summary>
public sealed record MetricPoint
{
    public required DateTime Time { get; init; }
    public required DateTime StartTime { get; init; }
    public double? Value { get; init; }
    public ulong Count { get; init; }
    public double? Sum { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public IReadOnlyList<double> ExplicitBounds { get; init; } = [];
    public IReadOnlyList<ulong> BucketCounts { get; init; } = [];
    public IReadOnlyList<(double Quantile, double Value)> Quantiles { get; init; } = [];
}
