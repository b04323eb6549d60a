namespace CvTailor.AppHost.Hosting;

/// <summary>What a resource waits for before it starts.</summary>
public enum WaitKind
{
    /// <summary>Aspire's WaitFor: the dependency is healthy.</summary>
    Healthy,

    /// <summary>Aspire's WaitForCompletion: the dependency ran to completion successfully.</summary>
    Completion,
}

/// <summary>Marks data attached to a resource for a mode other than the local run (Aspire's annotations).</summary>
#pragma warning disable CA1040 // a marker, as in Aspire: annotations are found by type
public interface IResourceAnnotation;
#pragma warning restore CA1040

/// <summary>A thing the AppHost runs and shows: a server, a database, a run-once step or a project.</summary>
public abstract class Resource(string name)
{
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ResourceState _state = ResourceState.NotStarted;

    public string Name { get; } = name;
    public abstract string Type { get; }
    public ResourceState State => _state;
    public string? Health { get; protected set; }
    public DateTimeOffset? StartedAt { get; protected set; }
    public string? StateDetail { get; protected set; }
    public ConsoleLog Console { get; } = new();
    public List<(Resource Resource, WaitKind Kind)> Waits { get; } = [];
    public List<Resource> References { get; } = [];
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Facts only some modes read (publishing: images, secrets, volumes), as Aspire's annotations.</summary>
    public List<IResourceAnnotation> Annotations { get; } = [];

    /// <summary>URLs shown in the resource table and the dashboard.</summary>
    public virtual IReadOnlyList<string> Endpoints => [];

    public event Action<Resource>? StateChanged;

    /// <summary>Completes when the resource is healthy (or finished); faults when it failed to start.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when a run-once resource finished successfully.</summary>
    public Task Completed => _completed.Task;

    public void SetState(ResourceState state, string? detail = null)
    {
        _state = state;
        StateDetail = detail;
        switch (state)
        {
            case ResourceState.Healthy:
                _ready.TrySetResult();
                break;
            case ResourceState.Finished:
                _ready.TrySetResult();
                _completed.TrySetResult();
                break;
            case ResourceState.FailedToStart:
                var error = new InvalidOperationException($"Resource '{Name}' failed to start: {detail}");
                _ready.TrySetException(error);
                _completed.TrySetException(error);
                break;
        }
        StateChanged?.Invoke(this);
    }

    protected void Log(string text, bool isError = false) =>
        Console.Add(new ConsoleLine(DateTimeOffset.UtcNow, Name, Name, text, isError));

    /// <summary>Starts the resource; returns once it is running (readiness is reported through <see cref="Ready"/>).</summary>
    public abstract Task StartAsync(CancellationToken ct);

    public abstract Task StopAsync(CancellationToken ct);

    /// <summary>Stops then starts again (dashboard action).</summary>
    public virtual async Task RestartAsync(CancellationToken ct)
    {
        await StopAsync(ct);
        await StartAsync(ct);
    }

    /// <summary>Variables this resource gives to the projects that reference it.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> GetReferenceEnvironment() => [];
}
