using Microsoft.Extensions.Options;

namespace CvTailor.Api.Artifacts.Processing;

/// <summary>
/// Politeness: at most <see cref="EvidenceOptions.MaxPerHost"/> checks against one host at once in this process, so
/// an artifact (or many) full of links to one site does not hammer it. Entries are dropped when no one uses them.
/// </summary>
public sealed class HostGate(IOptions<EvidenceOptions> options)
{
    readonly Dictionary<string, Entry> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        Entry entry;
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(host, out entry!))
            {
                entry = new Entry(new SemaphoreSlim(Math.Max(1, options.Value.MaxPerHost)));
                _hosts[host] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(host, entry, entered: false);
            throw;
        }
        return new Lease(this, host, entry);
    }

    void Leave(string host, Entry entry, bool entered)
    {
        lock (_hosts)
        {
            if (entered)
            {
                entry.Gate.Release();
            }
            if (--entry.Users == 0)
            {
                _hosts.Remove(host);
                entry.Gate.Dispose();
            }
        }
    }

    sealed class Entry(SemaphoreSlim gate)
    {
        public SemaphoreSlim Gate { get; } = gate;
        public int Users { get; set; }
    }

    sealed class Lease(HostGate owner, string host, Entry entry) : IDisposable
    {
        int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(host, entry, entered: true);
            }
        }
    }
}
