using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>Artifact processing's spans and instruments, on the CvTailor.Api source and meter (names in <see cref="TelemetryNames"/>).</summary>
public static class EvidenceTelemetry
{
    public static readonly ActivitySource Source = new(CvTailorTelemetry.Api);

    static readonly Meter Meter = new(CvTailorTelemetry.Api);

    public static readonly Counter<long> LinkChecks = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.EvidenceLinkChecks, unit: "{check}", description: "Evidence-link checks by outcome.");

    public static readonly Histogram<double> ProcessingDuration = Meter.CreateHistogram<double>(
        TelemetryNames.Instruments.ArtifactProcessingDuration, unit: "s", description: "Duration of one artifact processing job.");
}
