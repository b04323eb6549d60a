namespace CvTailor.AppHost.Hosting;

/// <summary>What the AppHost hands every child: environment name and telemetry settings (Aspire's variables).</summary>
public sealed class HostEnvironment
{
    public Dictionary<string, string> ChildEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the host starts shutting down: exits after that are expected, not crashes.</summary>
    public CancellationToken Stopping { get; set; }
}
