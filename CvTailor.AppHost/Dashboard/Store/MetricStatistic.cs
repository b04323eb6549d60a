namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>What a chart plots for each point: the value itself (gauges, sums) or a statistic of a distribution.</summary>
public enum MetricStatistic
{
    Value,
    P50,
    P90,
    P99,
    Mean,
    Count,
}
