using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CvTailor.Tests.Embeddings;

/// <summary>The worker's spans and instruments are produced under the names ServiceDefaults exports.</summary>
public sealed class WorkerTelemetryTests
{
    [Fact]
    public async Task Jobs_produce_queue_and_embedding_spans_and_measurements()
    {
        var measurements = new ConcurrentDictionary<string, double>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is CvTailorTelemetry.Queue or CvTailorTelemetry.Embeddings)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.AddOrUpdate(i.Name, v, (_, old) => old + v));
        meters.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.AddOrUpdate(i.Name, v, (_, old) => old + v));
        meters.Start();
        var spans = new ConcurrentBag<string>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name is CvTailorTelemetry.Queue or CvTailorTelemetry.Embeddings,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => spans.Add(a.OperationName),
        };
        ActivitySource.AddActivityListener(activities);

        var connection = await TestPostgres.CreateDatabaseAsync("telemetry");
        await using var data = WorkerRows.DataSource(connection);
        await WorkerRows.SeedAsync(data, 3, paragraphs: 1);
        await using (await EmbeddingsServer.StartAsync(connection))
        {
            await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, TimeSpan.FromSeconds(60), "jobs");
            await Eventually.WaitAsync(() => Task.FromResult(measurements.ContainsKey(TelemetryNames.Instruments.JobLatency)),
                found => found, TimeSpan.FromSeconds(10), "job latency measurement");
            meters.RecordObservableInstruments();
        }

        Assert.True(measurements.GetValueOrDefault(TelemetryNames.Instruments.EmbeddingsGenerated) >= 3);
        Assert.True(measurements.ContainsKey(TelemetryNames.Instruments.EmbeddingBatchDuration));
        Assert.True(measurements.ContainsKey(TelemetryNames.Instruments.JobDuration));
        Assert.True(measurements.ContainsKey(TelemetryNames.Instruments.QueueDepth));
        foreach (var name in new[] { TelemetryNames.Spans.QueueClaim, TelemetryNames.Spans.QueueProcess, TelemetryNames.Spans.EmbeddingBatch,
                                     TelemetryNames.Spans.Extraction, TelemetryNames.Spans.Chunking })
        {
            Assert.Contains(name, spans);
        }
    }
}
