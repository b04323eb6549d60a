namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// The dashboard's bounded in-memory telemetry store. Every signal is kept in insertion order and evicted oldest
/// first when a count or byte budget of <see cref="TelemetryLimits"/> is exceeded; secondary indexes (per resource,
/// per trace, per metric series) hold the same items in the same order, so eviction always removes their heads in
/// O(1). One lock guards everything: ingestion converts outside it and only links items in under it.
/// </summary>
public sealed partial class TelemetryStore
{
    readonly TelemetryLimits _limits;
    readonly Lock _gate = new();
    readonly Dictionary<string, ResourceEntry> _resources = new(StringComparer.Ordinal);
    long _version;

    public TelemetryStore(TelemetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
    }

    public TelemetryLimits Limits => _limits;

    /// <summary>Changes on every accepted batch; views poll it to know when to re-query.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<TelemetryResource> GetResources()
    {
        lock (_gate)
        {
            return [.. _resources.Values.Select(e => e.Resource)
                .OrderBy(r => r.ServiceName, StringComparer.Ordinal)
                .ThenBy(r => r.InstanceId, StringComparer.Ordinal)];
        }
    }

    public TelemetryCounts GetCounts()
    {
        lock (_gate)
        {
            return new TelemetryCounts(
                _resources.Count,
                _spans.Count,
                _spanBytes,
                _spansByTrace.Count,
                _logs.Count,
                _logBytes,
                _resources.Values.Sum(r => r.Instruments.Count),
                _livePoints);
        }
    }

    // Must be called under the lock. A resource seen again gets its latest attributes; a new one may evict the
    // least recently seen resource (with its metrics; its spans and logs age out with their own queues).
    ResourceEntry TouchResource(TelemetryResource resource)
    {
        if (_resources.TryGetValue(resource.Key, out var entry))
        {
            if (!entry.Resource.Attributes.SequenceEqual(resource.Attributes))
            {
                entry.Resource = resource;
            }

            entry.LastSeen = DateTime.UtcNow;
            return entry;
        }

        while (_resources.Count >= _limits.MaxResources)
        {
            var oldest = _resources.Values.MinBy(e => e.LastSeen)!;
            RemoveInstruments(oldest);
            _resources.Remove(oldest.Resource.Key);
        }

        entry = new ResourceEntry(resource);
        _resources.Add(resource.Key, entry);
        return entry;
    }

    void Changed() => Interlocked.Increment(ref _version);

    sealed class ResourceEntry(TelemetryResource resource)
    {
        public TelemetryResource Resource { get; set; } = resource;
        public DateTime LastSeen { get; set; } = DateTime.UtcNow;
        public Dictionary<(string Scope, string Name), InstrumentState> Instruments { get; } = [];
    }
}
