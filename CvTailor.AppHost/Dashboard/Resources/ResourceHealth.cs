namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>The last health verdict the orchestrator has for a resource (Unknown until it has probed).</summary>
public enum ResourceHealth
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
}
