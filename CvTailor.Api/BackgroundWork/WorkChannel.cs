using System.Threading.Channels;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// An in-process queue of row ids. The row (status <c>processing</c>) is the durable record; the channel only wakes
/// the worker. A row whose id is lost with the process is found again by the retention sweep.
/// </summary>
public abstract class WorkChannel
{
    readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(Guid id) => _channel.Writer.TryWrite(id);

    public ChannelReader<Guid> Reader => _channel.Reader;
}
