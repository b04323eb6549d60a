using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CvTailor.Embeddings.Telemetry;

/// <summary>The <c>CvTailor.Embeddings</c> ActivitySource and instruments (names in <see cref="TelemetryNames"/>).</summary>
public sealed class EmbeddingMetrics
{
    public static readonly ActivitySource ActivitySource = new(CvTailorTelemetry.Embeddings);

    readonly Counter<long> _generated;
    readonly Histogram<double> _batchDuration;

    public EmbeddingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(CvTailorTelemetry.Embeddings);
        _generated = meter.CreateCounter<long>(TelemetryNames.Instruments.EmbeddingsGenerated, "{embedding}",
            "Vectors produced; its rate is embeddings (chunks) per second.");
        _batchDuration = meter.CreateHistogram<double>(TelemetryNames.Instruments.EmbeddingBatchDuration, "s",
            "Duration of one embedding batch.");
    }

    public void RecordBatch(string model, int count, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryNames.Attributes.EmbeddingModel, model);
        _generated.Add(count, tag);
        _batchDuration.Record(elapsed.TotalSeconds, tag);
    }
}
