namespace CvTailor.AppHost.Hosting;

/// <summary>What the AppHost hands every child: environment name and telemetry settings (Aspire's variables).</summary>
public sealed class HostEnvironment
{
    public Dictionary<string, string> ChildEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes when <see cref="ChildEnvironment"/> is final (e.g. the dashboard's OTLP endpoint is known); projects
    /// await it before starting, so such work overlaps PostgreSQL's start instead of delaying everything.
    /// </summary>
    public Task Prepared { get; set; } = Task.CompletedTask;

    /// <summary>Cancelled when the host starts shutting down: exits after that are expected, not crashes.</summary>
    public CancellationToken Stopping { get; set; }
}
