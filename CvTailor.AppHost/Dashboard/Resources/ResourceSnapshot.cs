namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// One replica of a resource as the orchestrator sees it right now. Replicas of the same resource share
/// <see cref="Name"/> and differ by <see cref="ReplicaId"/> (the same value as their <c>service.instance.id</c>).
/// <see cref="State"/> is free text so the orchestrator's own states (Starting, Waiting, Running, Exited,
/// FailedToStart, ...) show unchanged. <see cref="Environment"/> holds raw values: the dashboard masks secrets.
/// </summary>
public sealed record ResourceSnapshot
{
    public required string Name { get; init; }
    public required ResourceType Type { get; init; }
    public string ReplicaId { get; init; } = "";
    public required string State { get; init; }
    public ResourceHealth Health { get; init; } = ResourceHealth.Unknown;
    public DateTimeOffset? StartedAt { get; init; }
    public IReadOnlyList<ResourceEndpoint> Endpoints { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public int? ProcessId { get; init; }
    public int? ExitCode { get; init; }
    public int RestartCount { get; init; }
    /// <summary>False for resources the orchestrator cannot stop or restart (e.g. an external database).</summary>
    public bool CanControl { get; init; } = true;
}
