namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Requests and limits sized for 2-core nodes: a request small enough that a node holds a replica of everything,
/// a limit of one core so no single service starves the others.
/// </summary>
public sealed record ComputeResources(string CpuRequest, string CpuLimit, string MemoryRequest, string MemoryLimit)
{
    public static readonly ComputeResources Postgres = new("250m", "1", "256Mi", "1Gi");

    /// <summary>Api and Embeddings alike: the encoder's weights and PDF rendering both fit well inside 1 GiB.</summary>
    public static readonly ComputeResources Service = new("250m", "1", "256Mi", "1Gi");

    public static readonly ComputeResources OneShot = new("100m", "1", "128Mi", "512Mi");

    public static ComputeResources For(PublishedService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.Kind == PublishedServiceKind.OneShot ? OneShot : Service;
    }

    /// <summary>Compose's spelling: cores as a decimal, memory with M/G suffixes.</summary>
    public string CpuRequestCores => Cores(CpuRequest);
    public string CpuLimitCores => Cores(CpuLimit);
    public string MemoryRequestCompose => Compose(MemoryRequest);
    public string MemoryLimitCompose => Compose(MemoryLimit);

    static string Cores(string k8s) => k8s.EndsWith('m')
        ? (int.Parse(k8s[..^1], System.Globalization.CultureInfo.InvariantCulture) / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
        : k8s;

    static string Compose(string k8s) => k8s.Replace("Mi", "M", StringComparison.Ordinal).Replace("Gi", "G", StringComparison.Ordinal);
}
