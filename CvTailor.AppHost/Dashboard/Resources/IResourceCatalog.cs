namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// The dashboard's view of the orchestrator: what runs, in which state, what it printed, and how to stop or restart
/// it. The AppHost implements it (or feeds an <see cref="InMemoryResourceCatalog"/>); the dashboard only reads it
/// and calls the two commands. Implementations must be thread-safe: the events may be raised from any thread.
/// </summary>
public interface IResourceCatalog
{
    /// <summary>All replicas of all resources, in the order the application model declares them.</summary>
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>The retained console lines of one resource, oldest first; all replicas when <paramref name="replicaId"/> is null.</summary>
    IReadOnlyList<ConsoleLogLine> GetConsole(string resourceName, string? replicaId = null);

    /// <summary>Raised after any snapshot changed (state, health, endpoints, a replica added or removed).</summary>
    event EventHandler? ResourcesChanged;

    /// <summary>Raised for every new console line of any resource.</summary>
    event EventHandler<ConsoleLogLine>? ConsoleLineWritten;

    Task RestartAsync(string resourceName, CancellationToken cancellationToken = default);

    Task StopAsync(string resourceName, CancellationToken cancellationToken = default);
}
