namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>What kind of thing a resource is; the dashboard shows it and picks nothing else from it.</summary>
public enum ResourceType
{
    Project,
    Container,
    Executable,
    Database,
    RunOnce,
}
