namespace CvTailor.AppHost.Hosting;

/// <summary>One captured console line of a resource (or one of its replicas).</summary>
public sealed record ConsoleLine(DateTimeOffset Timestamp, string Resource, string Replica, string Text, bool IsError);

/// <summary>
/// The bounded console output of one resource: the newest lines are kept (oldest dropped first), and listeners
/// receive every new line (the host echoes them with a resource prefix; the dashboard tails them).
/// </summary>
public sealed class ConsoleLog(int capacity = 5000)
{
    readonly Queue<ConsoleLine> _lines = new();
    readonly object _gate = new();

    public event Action<ConsoleLine>? LineAdded;

    public void Add(ConsoleLine line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
        LineAdded?.Invoke(line);
    }

    public IReadOnlyList<ConsoleLine> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text).ToList();
        }
    }
}
