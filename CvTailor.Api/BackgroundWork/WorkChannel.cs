using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// An in-process queue of row ids. The row (status <c>processing</c>) is the durable record; the channel only wakes
/// the worker. A row whose id is lost with the process is found again by the retention sweep. The channel also
/// knows how many ids wait ahead of a queued one (for a status answer's hint of when to ask again).
/// </summary>
public abstract class WorkChannel
{
    readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });
    readonly Dictionary<Guid, long> _waiting = [];
    long _enqueued;
    long _taken;

    public void Enqueue(Guid id)
    {
        // One lock keeps the sequence numbers in channel order (FIFO), so "ahead" is exact for a single reader loop.
        lock (_waiting)
        {
            _waiting.TryAdd(id, ++_enqueued);
            _channel.Writer.TryWrite(id);
        }
    }

    /// <summary>The queued ids in order; each is counted as taken when handed out (the worker starts it then).</summary>
    public async IAsyncEnumerable<Guid> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var id in _channel.Reader.ReadAllAsync(ct))
        {
            lock (_waiting)
            {
                _taken++;
                _waiting.Remove(id);
            }
            yield return id;
        }
    }

    /// <summary>How many ids wait ahead of <paramref name="id"/> in this process's queue; null when it is not waiting here (taken, or queued by another replica).</summary>
    public int? Ahead(Guid id)
    {
        lock (_waiting)
        {
            return _waiting.TryGetValue(id, out var sequence) ? (int)Math.Max(0, sequence - _taken - 1) : null;
        }
    }
}
