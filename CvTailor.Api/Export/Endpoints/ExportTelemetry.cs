using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>The CvTailor.Export ActivitySource and Meter (names in <see cref="TelemetryNames"/>).</summary>
public static class ExportTelemetry
{
    public static readonly ActivitySource Source = new(CvTailorTelemetry.Export);

    static readonly Meter Meter = new(CvTailorTelemetry.Export);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        TelemetryNames.Instruments.ExportDuration, unit: "s", description: "Duration of one export.");
}
