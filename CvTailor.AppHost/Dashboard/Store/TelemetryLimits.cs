namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// Bounds of the in-memory telemetry store (configuration section <c>Dashboard:Limits</c>). Counts and an estimated
/// byte budget both apply; whichever is reached first evicts the oldest items. Per-item caps keep a single huge span
/// or log record from defeating the counts.
/// </summary>
public sealed class TelemetryLimits
{
    public int MaxResources { get; set; } = 200;
    public int MaxSpans { get; set; } = 20_000;
    public int MaxLogRecords { get; set; } = 20_000;
    public int MaxInstrumentsPerResource { get; set; } = 300;
    public int MaxMetricPointsPerInstrument { get; set; } = 2_000;
    public int MaxMetricPoints { get; set; } = 200_000;
    public long MaxSpanBytes { get; set; } = 128L * 1024 * 1024;
    public long MaxLogBytes { get; set; } = 96L * 1024 * 1024;
    public int MaxAttributeCount { get; set; } = 128;
    public int MaxAttributeLength { get; set; } = 4_096;
    public int MaxLogBodyLength { get; set; } = 32_768;
    public int MaxSpanEvents { get; set; } = 128;
    public int MaxSpanLinks { get; set; } = 32;
    public int MaxHistogramBuckets { get; set; } = 256;

    public void Validate()
    {
        foreach (var (name, value) in new (string, long)[]
                 {
                     (nameof(MaxResources), MaxResources), (nameof(MaxSpans), MaxSpans),
                     (nameof(MaxLogRecords), MaxLogRecords), (nameof(MaxInstrumentsPerResource), MaxInstrumentsPerResource),
                     (nameof(MaxMetricPointsPerInstrument), MaxMetricPointsPerInstrument),
                     (nameof(MaxMetricPoints), MaxMetricPoints), (nameof(MaxSpanBytes), MaxSpanBytes),
                     (nameof(MaxLogBytes), MaxLogBytes), (nameof(MaxAttributeCount), MaxAttributeCount),
                     (nameof(MaxAttributeLength), MaxAttributeLength), (nameof(MaxLogBodyLength), MaxLogBodyLength),
                     (nameof(MaxSpanEvents), MaxSpanEvents), (nameof(MaxSpanLinks), MaxSpanLinks),
                     (nameof(MaxHistogramBuckets), MaxHistogramBuckets),
                 })
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(name, value, $"Dashboard:Limits:{name} must be at least 1.");
            }
        }
    }
}
