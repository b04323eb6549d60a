namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// Turns points into chartable numbers. Cumulative histograms are differenced against the previous point of the same
/// series, so a percentile describes the observations of that interval rather than everything since start.
/// </summary>
public static class MetricMath
{
    public static IReadOnlyList<MetricStatistic> StatisticsFor(MetricKind kind) => kind switch
    {
        MetricKind.Histogram => [MetricStatistic.P50, MetricStatistic.P90, MetricStatistic.P99, MetricStatistic.Mean, MetricStatistic.Count],
        MetricKind.Summary => [MetricStatistic.P50, MetricStatistic.P90, MetricStatistic.P99, MetricStatistic.Mean, MetricStatistic.Count],
        MetricKind.ExponentialHistogram => [MetricStatistic.Mean, MetricStatistic.Count],
        _ => [MetricStatistic.Value],
    };

    /// <summary>The plotted number of <paramref name="point"/>, or null when the interval has no observations.</summary>
    public static double? Evaluate(MetricKind kind, MetricStatistic statistic, MetricPoint point, MetricPoint? previous, bool isDelta)
    {
        switch (kind)
        {
            case MetricKind.Gauge:
            case MetricKind.Sum:
                return point.Value;
            case MetricKind.Summary:
                return statistic switch
                {
                    MetricStatistic.Count => point.Count,
                    MetricStatistic.Mean => point.Count == 0 ? null : point.Sum / point.Count,
                    _ => point.Quantiles.Count == 0 ? null
                        : point.Quantiles.MinBy(q => Math.Abs(q.Quantile - Quantile(statistic))).Value,
                };
            case MetricKind.Histogram:
            case MetricKind.ExponentialHistogram:
            default:
                var usePrevious = !isDelta && previous is not null && previous.StartTime == point.StartTime && previous.Count <= point.Count;
                var count = usePrevious ? point.Count - previous!.Count : point.Count;
                var sum = usePrevious ? point.Sum - previous!.Sum : point.Sum;
                return statistic switch
                {
                    MetricStatistic.Count => count,
                    MetricStatistic.Mean => count == 0 ? null : sum / count,
                    _ => Percentile(point, usePrevious ? previous : null, Quantile(statistic)),
                };
        }
    }

    /// <summary>Linear interpolation inside the bucket where the quantile falls (the usual histogram estimate).</summary>
    public static double? Percentile(MetricPoint point, MetricPoint? previous, double quantile)
    {
        var bounds = point.ExplicitBounds;
        var counts = point.BucketCounts;
        if (counts.Count == 0 || counts.Count != bounds.Count + 1)
        {
            return null;
        }

        var sameLayout = previous is not null && previous.BucketCounts.Count == counts.Count && previous.ExplicitBounds.SequenceEqual(bounds);
        var interval = new double[counts.Count];
        double total = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            interval[i] = sameLayout ? Math.Max(0, (double)counts[i] - previous!.BucketCounts[i]) : counts[i];
            total += interval[i];
        }

        if (total == 0)
        {
            return null;
        }

        var target = quantile * total;
        double seen = 0;
        for (var i = 0; i < interval.Length; i++)
        {
            if (interval[i] == 0 || seen + interval[i] < target)
            {
                seen += interval[i];
                continue;
            }

            var lower = i == 0 ? Math.Min(point.Min ?? 0, bounds.Count > 0 ? bounds[0] : 0) : bounds[i - 1];
            var upper = i == bounds.Count ? Math.Max(point.Max ?? bounds[^1], bounds[^1]) : bounds[i];
            return lower + ((upper - lower) * ((target - seen) / interval[i]));
        }

        return bounds.Count > 0 ? bounds[^1] : null;
    }

    static double Quantile(MetricStatistic statistic) => statistic switch
    {
        MetricStatistic.P50 => 0.5,
        MetricStatistic.P90 => 0.9,
        _ => 0.99,
    };
}
