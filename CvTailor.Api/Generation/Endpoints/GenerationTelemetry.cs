using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>The CvTailor.Generation ActivitySource and Meter (names in <see cref="TelemetryNames"/>).</summary>
public static class GenerationTelemetry
{
    public static readonly ActivitySource Source = new(CvTailorTelemetry.Generation);

    static readonly Meter Meter = new(CvTailorTelemetry.Generation);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        TelemetryNames.Instruments.GenerationDuration, unit: "s", description: "Duration of one generation (CV or cover letter).");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.GenerationFailures, unit: "{generation}", description: "Generations that failed.");

    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>(
        TelemetryNames.Instruments.GenerationTokens, unit: "{token}", description: "Chat-model tokens used by optional rewriting.");

    public const string DocumentTypeTag = "cvtailor.document.type";
    public const string CacheHitTag = "cvtailor.cache.hit";
    public const string SemanticTag = "cvtailor.semantic.status";
    public const string CandidatesTag = "cvtailor.candidates";
    public const string QueryLinesTag = "cvtailor.query_lines";
    public const string ChunksTag = "cvtailor.chunks";
}
