using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Metrics.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Metrics.V1;

namespace CvTailor.AppHost.Dashboard.Store;

public sealed partial class TelemetryStore
{
    // Every live point is in three queues in the same order: global, its instrument's and its series'. Points
    // dropped by a per-instrument cap or a resource eviction are flagged and skipped when they reach the global head.
    readonly Queue<PointSlot> _points = new();
    int _livePoints;

    /// <summary>
    /// Stores the data points of an OTLP export. Points of a new instrument beyond
    /// <see cref="TelemetryLimits.MaxInstrumentsPerResource"/> are rejected.
    /// </summary>
    public IngestResult AddMetrics(ExportMetricsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batches = new List<(TelemetryResource Resource, List<ConvertedMetric> Metrics)>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = OtlpConversion.ToResource(resourceMetrics.Resource, _limits);
            var metrics = new List<ConvertedMetric>();
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = OtlpConversion.Truncate(scopeMetrics.Scope?.Name ?? "", _limits.MaxAttributeLength);
                metrics.AddRange(scopeMetrics.Metrics.Select(m => Convert(scope, m)).OfType<ConvertedMetric>());
            }

            batches.Add((resource, metrics));
        }

        long rejected = 0;
        lock (_gate)
        {
            foreach (var (resource, metrics) in batches)
            {
                var entry = TouchResource(resource);
                foreach (var metric in metrics)
                {
                    var key = (metric.Scope, metric.Name);
                    if (!entry.Instruments.TryGetValue(key, out var instrument))
                    {
                        if (entry.Instruments.Count >= _limits.MaxInstrumentsPerResource)
                        {
                            rejected += metric.Points.Count;
                            continue;
                        }

                        instrument = new InstrumentState(metric.Scope, metric.Name);
                        entry.Instruments.Add(key, instrument);
                    }

                    instrument.Description = metric.Description;
                    instrument.Unit = metric.Unit;
                    instrument.Kind = metric.Kind;
                    instrument.IsMonotonic = metric.IsMonotonic;
                    instrument.IsDelta = metric.IsDelta;
                    foreach (var (dimensions, point) in metric.Points)
                    {
                        AddPoint(instrument, dimensions, point);
                    }
                }
            }
        }

        Changed();
        return rejected == 0 ? IngestResult.Accepted
            : new IngestResult(rejected, $"{rejected} data point(s) rejected: more than {_limits.MaxInstrumentsPerResource} instruments for one resource.");
    }

    public IReadOnlyList<MetricInstrumentSummary> GetInstruments(string resourceKey)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resourceKey, out var entry))
            {
                return [];
            }

            return [.. entry.Instruments.Values
                .Select(i => Summarize(entry.Resource, i))
                .OrderBy(i => i.Scope, StringComparer.Ordinal)
                .ThenBy(i => i.Name, StringComparer.Ordinal)];
        }
    }

    public MetricInstrumentSnapshot? GetInstrument(string resourceKey, string scope, string name)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue(resourceKey, out var entry)
                || !entry.Instruments.TryGetValue((scope, name), out var instrument))
            {
                return null;
            }

            return new MetricInstrumentSnapshot(
                Summarize(entry.Resource, instrument),
                [.. instrument.Series.Values.Select(s => new MetricSeriesSnapshot(s.Dimensions, [.. s.Points.Select(p => p.Point)]))]);
        }
    }

    static MetricInstrumentSummary Summarize(TelemetryResource resource, InstrumentState i) =>
        new(resource, i.Scope, i.Name, i.Description, i.Unit, i.Kind, i.IsMonotonic, i.IsDelta, i.Series.Count,
            i.Points.Count, i.Points.Count == 0 ? DateTime.MinValue : i.LastUpdate);

    void AddPoint(InstrumentState instrument, IReadOnlyList<TelemetryTag> dimensions, MetricPoint point)
    {
        var seriesKey = string.Join('\u001f', dimensions.Select(d => d.Key + "\u001e" + d.Value));
        if (!instrument.Series.TryGetValue(seriesKey, out var series))
        {
            series = new SeriesState(seriesKey, dimensions);
            instrument.Series.Add(seriesKey, series);
        }

        var slot = new PointSlot(point, instrument, series);
        instrument.Points.Enqueue(slot);
        series.Points.Enqueue(slot);
        _points.Enqueue(slot);
        _livePoints++;
        if (point.Time > instrument.LastUpdate)
        {
            instrument.LastUpdate = point.Time;
        }

        while (instrument.Points.Count > _limits.MaxMetricPointsPerInstrument)
        {
            RemoveOldest(instrument);
        }

        while (_points.Count > _limits.MaxMetricPoints)
        {
            var old = _points.Dequeue();
            if (!old.Removed)
            {
                RemoveOldest(old.Instrument);
            }
        }
    }

    void RemoveOldest(InstrumentState instrument)
    {
        var slot = instrument.Points.Dequeue();
        slot.Removed = true;
        _livePoints--;
        slot.Series.Points.Dequeue();
        if (slot.Series.Points.Count == 0)
        {
            instrument.Series.Remove(slot.Series.Key);
        }
    }

    void RemoveInstruments(ResourceEntry entry)
    {
        foreach (var instrument in entry.Instruments.Values)
        {
            foreach (var slot in instrument.Points)
            {
                slot.Removed = true;
                _livePoints--;
            }

            instrument.Points.Clear();
            instrument.Series.Clear();
        }

        entry.Instruments.Clear();
    }

    ConvertedMetric? Convert(string scope, Metric metric)
    {
        var name = OtlpConversion.Truncate(metric.Name, _limits.MaxAttributeLength);
        var description = OtlpConversion.Truncate(metric.Description, _limits.MaxAttributeLength);
        var unit = OtlpConversion.Truncate(metric.Unit, 64);
        var points = new List<(IReadOnlyList<TelemetryTag>, MetricPoint)>();
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                points.AddRange(metric.Gauge.DataPoints.Select(ToNumberPoint));
                return new ConvertedMetric(scope, name, description, unit, MetricKind.Gauge, false, false, points);
            case Metric.DataOneofCase.Sum:
                points.AddRange(metric.Sum.DataPoints.Select(ToNumberPoint));
                return new ConvertedMetric(scope, name, description, unit, MetricKind.Sum, metric.Sum.IsMonotonic,
                    metric.Sum.AggregationTemporality == AggregationTemporality.Delta, points);
            case Metric.DataOneofCase.Histogram:
                points.AddRange(metric.Histogram.DataPoints.Select(p => (OtlpConversion.ToAttributes(p.Attributes, _limits), new MetricPoint
                {
                    Time = OtlpConversion.ToDateTime(p.TimeUnixNano),
                    StartTime = OtlpConversion.ToDateTime(p.StartTimeUnixNano),
                    Count = p.Count,
                    Sum = p.HasSum ? p.Sum : null,
                    Min = p.HasMin ? p.Min : null,
                    Max = p.HasMax ? p.Max : null,
                    // A layout beyond the cap is kept only as count/sum: partial buckets would give wrong percentiles.
                    ExplicitBounds = p.ExplicitBounds.Count < _limits.MaxHistogramBuckets ? [.. p.ExplicitBounds] : [],
                    BucketCounts = p.ExplicitBounds.Count < _limits.MaxHistogramBuckets ? [.. p.BucketCounts] : [],
                })));
                return new ConvertedMetric(scope, name, description, unit, MetricKind.Histogram, false,
                    metric.Histogram.AggregationTemporality == AggregationTemporality.Delta, points);
            case Metric.DataOneofCase.ExponentialHistogram:
                points.AddRange(metric.ExponentialHistogram.DataPoints.Select(p => (OtlpConversion.ToAttributes(p.Attributes, _limits), new MetricPoint
                {
                    Time = OtlpConversion.ToDateTime(p.TimeUnixNano),
                    StartTime = OtlpConversion.ToDateTime(p.StartTimeUnixNano),
                    Count = p.Count,
                    Sum = p.HasSum ? p.Sum : null,
                    Min = p.HasMin ? p.Min : null,
                    Max = p.HasMax ? p.Max : null,
                })));
                return new ConvertedMetric(scope, name, description, unit, MetricKind.ExponentialHistogram, false,
                    metric.ExponentialHistogram.AggregationTemporality == AggregationTemporality.Delta, points);
            case Metric.DataOneofCase.Summary:
                points.AddRange(metric.Summary.DataPoints.Select(p => (OtlpConversion.ToAttributes(p.Attributes, _limits), new MetricPoint
                {
                    Time = OtlpConversion.ToDateTime(p.TimeUnixNano),
                    StartTime = OtlpConversion.ToDateTime(p.StartTimeUnixNano),
                    Count = p.Count,
                    Sum = p.Sum,
                    Quantiles = [.. p.QuantileValues.Take(_limits.MaxHistogramBuckets).Select(q => (q.Quantile, q.Value))],
                })));
                return new ConvertedMetric(scope, name, description, unit, MetricKind.Summary, false, false, points);
            case Metric.DataOneofCase.None:
            default:
                return null;
        }
    }

    (IReadOnlyList<TelemetryTag>, MetricPoint) ToNumberPoint(NumberDataPoint p) =>
        (OtlpConversion.ToAttributes(p.Attributes, _limits), new MetricPoint
        {
            Time = OtlpConversion.ToDateTime(p.TimeUnixNano),
            StartTime = OtlpConversion.ToDateTime(p.StartTimeUnixNano),
            Value = p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble,
        });

    sealed record ConvertedMetric(
        string Scope,
        string Name,
        string Description,
        string Unit,
        MetricKind Kind,
        bool IsMonotonic,
        bool IsDelta,
        List<(IReadOnlyList<TelemetryTag> Dimensions, MetricPoint Point)> Points);

    sealed class InstrumentState(string scope, string name)
    {
        public string Scope { get; } = scope;
        public string Name { get; } = name;
        public string Description { get; set; } = "";
        public string Unit { get; set; } = "";
        public MetricKind Kind { get; set; }
        public bool IsMonotonic { get; set; }
        public bool IsDelta { get; set; }
        public DateTime LastUpdate { get; set; }
        public Queue<PointSlot> Points { get; } = new();
        public Dictionary<string, SeriesState> Series { get; } = new(StringComparer.Ordinal);
    }

    sealed class SeriesState(string key, IReadOnlyList<TelemetryTag> dimensions)
    {
        public string Key { get; } = key;
        public IReadOnlyList<TelemetryTag> Dimensions { get; } = dimensions;
        public Queue<PointSlot> Points { get; } = new();
    }

    sealed class PointSlot(MetricPoint point, InstrumentState instrument, SeriesState series)
    {
        public MetricPoint Point { get; } = point;
        public InstrumentState Instrument { get; } = instrument;
        public SeriesState Series { get; } = series;
        public bool Removed { get; set; }
    }
}
