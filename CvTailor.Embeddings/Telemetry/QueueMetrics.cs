using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CvTailor.Embeddings.Telemetry;

/// <summary>
/// The <c>CvTailor.Queue</c> ActivitySource and instruments: queue depth (an observable gauge over the last counts the
/// worker read), job latency (enqueue → done), job duration, failures.
/// </summary>
public sealed class QueueMetrics
{
    public const string QueueName = "embedding_jobs";

    public static readonly ActivitySource ActivitySource = new(CvTailorTelemetry.Queue);

    readonly Histogram<double> _latency;
    readonly Histogram<double> _duration;
    readonly Counter<long> _failures;
    volatile IReadOnlyDictionary<string, long> _depth = new Dictionary<string, long>();

    public QueueMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(CvTailorTelemetry.Queue);
        meter.CreateObservableGauge(TelemetryNames.Instruments.QueueDepth, ObserveDepth, "{job}",
            "Jobs in the queue by state (pending, running, dead).");
        _latency = meter.CreateHistogram<double>(TelemetryNames.Instruments.JobLatency, "s",
            "Time from enqueue to completion of a job.");
        _duration = meter.CreateHistogram<double>(TelemetryNames.Instruments.JobDuration, "s",
            "Time spent processing a claimed job.");
        _failures = meter.CreateCounter<long>(TelemetryNames.Instruments.JobFailures, "{job}",
            "Jobs that failed an attempt (outcome=retry|dead_letter).");
    }

    /// <summary>The latest counts per state, read by the worker every cycle.</summary>
    public void SetDepth(IReadOnlyDictionary<string, long> countsByState) => _depth = countsByState;

    public void RecordCompleted(TimeSpan latency, TimeSpan duration, string outcome)
    {
        var queue = new KeyValuePair<string, object?>(TelemetryNames.Attributes.Queue, QueueName);
        var result = new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome);
        _latency.Record(Math.Max(0, latency.TotalSeconds), queue, result);
        _duration.Record(duration.TotalSeconds, queue, result);
    }

    public void RecordFailure(bool deadLettered) =>
        _failures.Add(1,
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.Queue, QueueName),
            new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, deadLettered ? "dead_letter" : "retry"));

    IEnumerable<Measurement<long>> ObserveDepth()
    {
        var queue = new KeyValuePair<string, object?>(TelemetryNames.Attributes.Queue, QueueName);
        foreach (var (state, count) in _depth)
        {
            yield return new Measurement<long>(count, queue, new KeyValuePair<string, object?>(TelemetryNames.Attributes.JobState, state));
        }
    }
}
