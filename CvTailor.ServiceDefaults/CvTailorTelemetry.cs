namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The names of CV Tailor's own ActivitySources and Meters, registered once here so every service exports them.
/// docs/telemetry.md lists each span and instrument.
/// </summary>
public static class CvTailorTelemetry
{
    public const string Api = "CvTailor.Api";
    public const string Embeddings = "CvTailor.Embeddings";
    public const string Queue = "CvTailor.Queue";
    public const string Generation = "CvTailor.Generation";
    public const string Export = "CvTailor.Export";
    public const string Import = "CvTailor.Import";

    public static readonly string[] ActivitySourceNames = [Api, Embeddings, Queue, Generation, Export, Import];
    public static readonly string[] MeterNames = [Api, Embeddings, Queue, Generation, Export, Import];
}
