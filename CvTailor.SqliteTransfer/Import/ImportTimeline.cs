using System.Diagnostics;
using System.Globalization;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// <c>import-sqlite --timings</c>: when each part of the run started and ended, from the run's start — per table its
/// read (reader thread), COPY and index/foreign-key rebuild, the media copy, the verification queries — so one can
/// see which side (the readers, PostgreSQL's one backend, the media thread) the wall time waits on. Thread-safe.
/// </summary>
public sealed class ImportTimeline
{
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly List<(string Lane, string What, TimeSpan Start, TimeSpan End)> _spans = [];

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>One span on <paramref name="lane"/> (who did it: "reader 1", "postgres", "media", …).</summary>
    public void Add(string lane, string what, TimeSpan start)
    {
        var end = _clock.Elapsed;
        lock (_spans)
        {
            _spans.Add((lane, what, start, end));
        }
    }

    /// <summary>The spans in start order, one line each: start, end, duration, lane, what.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_spans)
        {
            return _spans.OrderBy(s => s.Start).Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Start.TotalSeconds,6:F3} {s.End.TotalSeconds,6:F3} {(s.End - s.Start).TotalSeconds,6:F3}  {s.Lane,-9} {s.What}")).ToList();
        }
    }
}
