using CvTailor.AppHost.Dashboard.Store;

namespace CvTailor.Tests.Dashboard;

/// <summary>Eviction order, indexes and caps of the bounded store, driven through its OTLP entry points.</summary>
public sealed class TelemetryStoreTests
{
    [Fact]
    public void Spans_beyond_the_limit_evict_the_oldest_and_the_indexes_follow()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxSpans = 10 });
        var first = OtlpRequests.Traces("api", 6, traceEvery: 3);
        var second = OtlpRequests.Traces("embeddings", 6, traceEvery: 3);
        var firstTraces = first.ResourceSpans[0].ScopeSpans[0].Spans.Select(s => OtlpConversion.ToHex(s.TraceId)).Distinct().ToArray();

        store.AddTraces(first);
        store.AddTraces(second);

        var counts = store.GetCounts();
        Assert.Equal(10, counts.Spans);
        Assert.Equal(4, counts.Traces);
        // The two oldest spans (the first trace's first two) went; the rest of that trace remains.
        Assert.Equal(["span 2"], store.GetTrace(firstTraces[0]).Select(s => s.Name));
        Assert.Equal(3, store.GetTrace(firstTraces[1]).Count);
        Assert.Equal(2, store.GetTraces(new TraceQuery(ResourceKey: "api/i-1")).Count);
        Assert.Equal(2, store.GetTraces(new TraceQuery(ResourceKey: "embeddings/i-1")).Count);
        Assert.Equal(4, store.GetTraces(new TraceQuery()).Count);
    }

    [Fact]
    public void The_byte_budget_evicts_even_when_counts_are_below_their_limits()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxSpans = 1_000, MaxSpanBytes = 200_000, MaxAttributeLength = 100_000 });

        store.AddTraces(OtlpRequests.Traces("api", 20, attributeBytes: 20_000));

        var counts = store.GetCounts();
        Assert.InRange(counts.SpanBytes, 1, 200_000);
        Assert.InRange(counts.Spans, 1, 4);
    }

    [Fact]
    public void Attribute_values_are_truncated_to_the_configured_length()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxAttributeLength = 50 });

        store.AddTraces(OtlpRequests.Traces("api", 1, attributeBytes: 10_000));

        var span = Assert.Single(store.GetTraces(new TraceQuery()).SelectMany(t => store.GetTrace(t.TraceId)));
        Assert.Equal(51, Assert.Single(span.Attributes).Value.Length); // 50 characters and an ellipsis
    }

    [Fact]
    public void Logs_are_bounded_and_filtered_by_resource_level_and_text()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxLogRecords = 5 });
        store.AddLogs(OtlpRequests.Logs("api", 4));
        store.AddLogs(OtlpRequests.Logs("embeddings", 3));

        Assert.Equal(5, store.GetCounts().LogRecords);
        var newestFirst = store.GetLogs(new LogQuery());
        Assert.Equal("2 yyyyyyyyyyyyyyyy", newestFirst[0].Body);
        Assert.Equal(2, store.GetLogs(new LogQuery(ResourceKey: "api/i-1")).Count);
        Assert.Single(store.GetLogs(new LogQuery(Text: "1 y", ResourceKey: "embeddings/i-1")));
        Assert.Empty(store.GetLogs(new LogQuery(MinLevel: LogLevelName.Warning)));
        Assert.Equal(5, store.GetLogs(new LogQuery(MinLevel: LogLevelName.Information)).Count);
    }

    [Fact]
    public void Metric_points_are_capped_per_instrument_and_new_instruments_beyond_the_cap_are_rejected()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxMetricPointsPerInstrument = 5, MaxInstrumentsPerResource = 2 });
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(0, store.AddMetrics(OtlpRequests.Gauge("api", "queue.depth", i, i % 2 == 0 ? "a" : "b")).Rejected);
        }

        var instrument = store.GetInstrument("api", "test.meter", "queue.depth");
        Assert.NotNull(instrument);
        Assert.Equal(5, instrument.Series.Sum(s => s.Points.Count));
        Assert.Equal([3.0, 4, 5, 6, 7], instrument.Series.SelectMany(s => s.Points).Select(p => p.Value!.Value).Order());

        Assert.Equal(0, store.AddMetrics(OtlpRequests.Gauge("api", "second", 1, "a")).Rejected);
        var third = store.AddMetrics(OtlpRequests.Gauge("api", "third", 1, "a"));
        Assert.Equal(1, third.Rejected);
        Assert.Equal(2, store.GetInstruments("api").Count);
    }

    [Fact]
    public void The_global_point_limit_and_resource_limit_evict_oldest_first()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxMetricPoints = 6, MaxResources = 2 });
        for (var i = 0; i < 5; i++)
        {
            store.AddMetrics(OtlpRequests.Gauge("api", "m1", i, "a"));
            store.AddMetrics(OtlpRequests.Gauge("api", "m2", i, "a"));
        }

        Assert.Equal(6, store.GetCounts().MetricPoints);
        Assert.Equal(3, store.GetInstrument("api", "test.meter", "m1")!.Series[0].Points.Count);

        store.AddMetrics(OtlpRequests.Gauge("embeddings", "m1", 1, "a"));
        store.AddMetrics(OtlpRequests.Gauge("worker", "m1", 1, "a")); // a third resource evicts the least recently seen (api)

        Assert.Equal(["embeddings", "worker"], store.GetResources().Select(r => r.ServiceName));
        Assert.Empty(store.GetInstruments("api"));
        Assert.Equal(2, store.GetCounts().MetricPoints);
    }

    [Fact]
    public void Histogram_percentiles_come_from_the_interval_between_cumulative_points()
    {
        var bounds = new List<double> { 10, 20, 50 };
        var before = new MetricPoint { Time = DateTime.UtcNow, StartTime = DateTime.UnixEpoch, Count = 10, Sum = 50, ExplicitBounds = bounds, BucketCounts = [10, 0, 0, 0] };
        var after = new MetricPoint { Time = DateTime.UtcNow, StartTime = DateTime.UnixEpoch, Count = 20, Sum = 350, ExplicitBounds = bounds, BucketCounts = [10, 0, 10, 0] };

        var p50 = MetricMath.Evaluate(MetricKind.Histogram, MetricStatistic.P50, after, before, isDelta: false);
        var mean = MetricMath.Evaluate(MetricKind.Histogram, MetricStatistic.Mean, after, before, isDelta: false);

        // The interval's 10 observations all fall in (20, 50]: the median interpolates to the middle of that bucket.
        Assert.Equal(35, p50);
        Assert.Equal(30, mean);
    }

    [Theory]
    [InlineData("Artifact {ArtifactId} created for {UserId}", "Artifact 42 created for 7")]
    [InlineData("Took {Elapsed:0.00} ms, {Missing} left", "Took 1.5 ms, {Missing} left")]
    [InlineData("Literal {{braces}} and {ArtifactId}", "Literal {{braces}} and 42")]
    [InlineData("Unclosed {ArtifactId", "Unclosed {ArtifactId")]
    public void Log_templates_are_rendered_with_their_attributes(string template, string expected) =>
        Assert.Equal(expected, LogMessageTemplate.Render(template,
            [new TelemetryTag("ArtifactId", "42"), new TelemetryTag("UserId", "7"), new TelemetryTag("Elapsed", "1.5")]));
}
