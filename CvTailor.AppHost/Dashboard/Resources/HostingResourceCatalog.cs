using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// The dashboard's view of the AppHost's own resource model: one snapshot per resource, or per replica for projects,
/// console lines from each resource's <see cref="ConsoleLog"/>, and stop/restart delegated to the resource.
/// </summary>
public sealed class HostingResourceCatalog : IResourceCatalog, IDisposable
{
    readonly IReadOnlyList<Resource> _resources;
    long _sequence;

    public HostingResourceCatalog(IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
        foreach (var resource in _resources)
        {
            resource.StateChanged += OnStateChanged;
            resource.Console.LineAdded += OnLineAdded;
        }
    }

    public event EventHandler? ResourcesChanged;

    public event EventHandler<ConsoleLogLine>? ConsoleLineWritten;

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        var snapshots = new List<ResourceSnapshot>();
        foreach (var resource in _resources)
        {
            if (resource is ProjectResource { Replicas.Count: > 0 } project)
            {
                snapshots.AddRange(project.Replicas.Select(replica => new ResourceSnapshot
                {
                    Name = project.Name,
                    Type = ResourceType.Project,
                    ReplicaId = replica.ReplicaName == project.Name ? "" : replica.ReplicaName,
                    State = replica.State.ToString(),
                    Health = replica.State switch
                    {
                        ResourceState.Healthy => ResourceHealth.Healthy,
                        ResourceState.Unhealthy or ResourceState.Exited or ResourceState.FailedToStart => ResourceHealth.Unhealthy,
                        _ => ResourceHealth.Unknown,
                    },
                    StartedAt = project.StartedAt,
                    Endpoints = [ToEndpoint(replica.Url)],
                    Environment = new Dictionary<string, string>(replica.Environment, StringComparer.Ordinal),
                    ProcessId = replica.ProcessId,
                    RestartCount = replica.Restarts,
                }));
                continue;
            }

            snapshots.Add(new ResourceSnapshot
            {
                Name = resource.Name,
                Type = resource.Type switch
                {
                    "Project" => ResourceType.Project,
                    "Container" => ResourceType.Container,
                    "Database" => ResourceType.Database,
                    "RunOnce" => ResourceType.RunOnce,
                    _ => ResourceType.Executable,
                },
                ReplicaId = "",
                State = resource.State.ToString(),
                Health = resource.Health switch
                {
                    "Healthy" => ResourceHealth.Healthy,
                    "Degraded" => ResourceHealth.Degraded,
                    "Unhealthy" => ResourceHealth.Unhealthy,
                    _ => ResourceHealth.Unknown,
                },
                StartedAt = resource.StartedAt,
                Endpoints = [.. resource.Endpoints.Select(ToEndpoint)],
                Environment = new Dictionary<string, string>(resource.Environment, StringComparer.Ordinal),
                // A database lives inside its server, and a run-once step is not restartable on its own.
                CanControl = resource.Type is not ("Database" or "RunOnce"),
            });
        }

        return snapshots;
    }

    public IReadOnlyList<ConsoleLogLine> GetConsole(string resourceName, string? replicaId = null)
    {
        var resource = _resources.FirstOrDefault(r => r.Name == resourceName);
        if (resource is null)
        {
            return [];
        }

        return [.. resource.Console.Snapshot()
            .Where(l => replicaId is null || l.Replica == replicaId || (replicaId.Length == 0 && l.Replica == resourceName))
            .Select((l, i) => ToLine(l, i))];
    }

    public Task RestartAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Find(resourceName).RestartAsync(cancellationToken);

    public Task StopAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Find(resourceName).StopAsync(cancellationToken);

    public void Dispose()
    {
        foreach (var resource in _resources)
        {
            resource.StateChanged -= OnStateChanged;
            resource.Console.LineAdded -= OnLineAdded;
        }
    }

    Resource Find(string name) =>
        _resources.FirstOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"There is no resource named '{name}'.");

    void OnStateChanged(Resource resource) => ResourcesChanged?.Invoke(this, EventArgs.Empty);

    void OnLineAdded(ConsoleLine line) => ConsoleLineWritten?.Invoke(this, ToLine(line, Interlocked.Increment(ref _sequence)));

    static ConsoleLogLine ToLine(ConsoleLine line, long sequence) =>
        new(line.Resource, line.Replica == line.Resource ? "" : line.Replica, sequence, line.Timestamp, line.Text, line.IsError);

    static ResourceEndpoint ToEndpoint(string url) =>
        new(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Scheme : "url", url);
}
