namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// A thread-safe catalog the orchestrator pushes into: <see cref="Upsert"/> a snapshot whenever a replica changes,
/// <see cref="WriteConsole"/> every captured line, and give the stop/restart commands as delegates. Console lines are
/// kept per replica up to a bound so a chatty process cannot exhaust memory.
/// </summary>
public sealed class InMemoryResourceCatalog : IResourceCatalog
{
    readonly Lock _gate = new();
    readonly List<ResourceSnapshot> _resources = [];
    readonly Dictionary<(string Resource, string Replica), Queue<ConsoleLogLine>> _console = [];
    readonly int _maxConsoleLinesPerReplica;
    readonly Func<string, CancellationToken, Task>? _restart;
    readonly Func<string, CancellationToken, Task>? _stop;
    long _sequence;

    public InMemoryResourceCatalog(
        Func<string, CancellationToken, Task>? restart = null,
        Func<string, CancellationToken, Task>? stop = null,
        int maxConsoleLinesPerReplica = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConsoleLinesPerReplica, 1);
        _restart = restart;
        _stop = stop;
        _maxConsoleLinesPerReplica = maxConsoleLinesPerReplica;
    }

    public event EventHandler? ResourcesChanged;

    public event EventHandler<ConsoleLogLine>? ConsoleLineWritten;

    /// <summary>Adds the replica, or replaces the snapshot with the same name and replica id.</summary>
    public void Upsert(ResourceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            var index = _resources.FindIndex(r => r.Name == snapshot.Name && r.ReplicaId == snapshot.ReplicaId);
            if (index >= 0)
            {
                _resources[index] = snapshot;
            }
            else
            {
                _resources.Add(snapshot);
            }
        }

        ResourcesChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Removes a replica (e.g. after scaling down); its console lines stay readable until evicted.</summary>
    public void Remove(string resourceName, string replicaId = "")
    {
        lock (_gate)
        {
            _resources.RemoveAll(r => r.Name == resourceName && r.ReplicaId == replicaId);
        }

        ResourcesChanged?.Invoke(this, EventArgs.Empty);
    }

    public ConsoleLogLine WriteConsole(string resourceName, string replicaId, string text, bool isError = false)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(text);
        ConsoleLogLine line;
        lock (_gate)
        {
            line = new ConsoleLogLine(resourceName, replicaId ?? "", ++_sequence, DateTimeOffset.UtcNow, text, isError);
            var key = (resourceName, line.ReplicaId);
            if (!_console.TryGetValue(key, out var lines))
            {
                lines = new Queue<ConsoleLogLine>();
                _console[key] = lines;
            }

            lines.Enqueue(line);
            while (lines.Count > _maxConsoleLinesPerReplica)
            {
                lines.Dequeue();
            }
        }

        ConsoleLineWritten?.Invoke(this, line);
        return line;
    }

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_gate)
        {
            return [.. _resources];
        }
    }

    public IReadOnlyList<ConsoleLogLine> GetConsole(string resourceName, string? replicaId = null)
    {
        lock (_gate)
        {
            IEnumerable<ConsoleLogLine> lines = _console
                .Where(kv => kv.Key.Resource == resourceName && (replicaId is null || kv.Key.Replica == replicaId))
                .SelectMany(kv => kv.Value);
            return [.. lines.OrderBy(l => l.Sequence)];
        }
    }

    public Task RestartAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _restart is null ? throw new NotSupportedException("This catalog was created without a restart command.")
            : _restart(resourceName, cancellationToken);

    public Task StopAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _stop is null ? throw new NotSupportedException("This catalog was created without a stop command.")
            : _stop(resourceName, cancellationToken);
}
