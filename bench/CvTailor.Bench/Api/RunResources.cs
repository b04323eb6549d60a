using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace CvTailor.Bench.Api;

/// <summary>
/// Where a timed run's resources went, for scenarios that explain a throughput figure: CPU time of this process
/// (bench client, Api and any loopback site share it) and of its child processes (the throwaway PostgreSQL), the
/// Api's requests per route with their mean server time (from ASP.NET Core's own <c>http.server.request.duration</c>),
/// GC pause time, and the thread pool's queue and thread count sampled every 50 ms (starvation shows as a queue).
/// </summary>
public sealed class RunResources : IDisposable
{
    readonly MeterListener _listener = new();
    readonly ConcurrentDictionary<string, (int Count, double Seconds)> _routes = new(StringComparer.Ordinal);
    TimeSpan _selfCpu;
    TimeSpan _childCpu;
    TimeSpan _gcPause;
    int _gen0;
    int _gen2;
    long _queueSum;
    int _queueMax;
    int _threadsMax;
    int _samples;
    Stopwatch _clock = new();
    CancellationTokenSource? _sampling;
    Task _sampler = Task.CompletedTask;

    public RunResources()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Name: "http.server.request.duration", Meter.Name: "Microsoft.AspNetCore.Hosting" })
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            string? route = null;
            string? method = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "http.route":
                        route = tag.Value as string;
                        break;
                    case "http.request.method":
                        method = tag.Value as string;
                        break;
                }
            }
            _routes.AddOrUpdate($"{method} {route ?? "?"}", (1, seconds), (_, v) => (v.Count + 1, v.Seconds + seconds));
        });
        _listener.Start();
    }

    public void Start()
    {
        _routes.Clear();
        _selfCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _childCpu = ChildCpu();
        _gcPause = GC.GetTotalPauseDuration();
        _gen0 = GC.CollectionCount(0);
        _gen2 = GC.CollectionCount(2);
        _queueSum = _queueMax = _threadsMax = _samples = 0;
        _clock = Stopwatch.StartNew();
        _sampling = new CancellationTokenSource();
        var token = _sampling.Token;
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            try
            {
                while (await timer.WaitForNextTickAsync(token))
                {
                    var queued = (int)ThreadPool.PendingWorkItemCount;
                    _queueSum += queued;
                    _queueMax = Math.Max(_queueMax, queued);
                    _threadsMax = Math.Max(_threadsMax, ThreadPool.ThreadCount);
                    _samples++;
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }, CancellationToken.None);
    }

    /// <summary>The figures since <see cref="Start"/>, per unit of work (e.g. per artifact).</summary>
    public async Task<string> StopAsync(int units, string unit)
    {
        var elapsed = _clock.Elapsed;
        var self = Process.GetCurrentProcess().TotalProcessorTime - _selfCpu;
        var child = ChildCpu() - _childCpu;
        var pause = GC.GetTotalPauseDuration() - _gcPause;
        if (_sampling is not null)
        {
            await _sampling.CancelAsync();
            await _sampler;
            _sampling.Dispose();
        }
        var routes = string.Join("; ", _routes.OrderByDescending(r => r.Value.Count).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Key} {(double)r.Value.Count / units:F1} × {r.Value.Seconds * 1000 / r.Value.Count:F1} ms")));
        return string.Create(CultureInfo.InvariantCulture,
            $"  CPU per {unit}: {(self + child).TotalMilliseconds / units:F1} ms ({self.TotalMilliseconds / units:F1} bench process: client, Api, site; {child.TotalMilliseconds / units:F1} PostgreSQL); " +
            $"CPU busy {(self + child).TotalSeconds / elapsed.TotalSeconds / Environment.ProcessorCount * 100:F0} % of {Environment.ProcessorCount} cores; " +
            $"GC pauses {pause.TotalMilliseconds:F0} ms ({GC.CollectionCount(0) - _gen0} gen0, {GC.CollectionCount(2) - _gen2} gen2); " +
            $"thread pool queue mean {(_samples == 0 ? 0 : (double)_queueSum / _samples):F1} / max {_queueMax}, threads max {_threadsMax}\n" +
            $"  server requests per {unit} × mean server ms: {routes}");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _sampling?.Dispose();
    }

    /// <summary>User + system CPU of this process's descendants, living (their own and their reaped children's) — Linux only, else zero.</summary>
    static TimeSpan ChildCpu()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name (which may hold spaces) in parentheses: state ppid … utime(14) stime(15) cutime(16) cstime(17).
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)
                    + long.Parse(rest[13], CultureInfo.InvariantCulture) + long.Parse(rest[14], CultureInfo.InvariantCulture);
                parents[pid] = (int.Parse(rest[1], CultureInfo.InvariantCulture), ticks);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Gone meanwhile.
            }
        }
        var self = Environment.ProcessId;
        long total = 0;
        foreach (var (pid, (_, ticks)) in parents)
        {
            for (var p = pid; parents.TryGetValue(p, out var entry) && p != self; p = entry.Parent)
            {
                if (entry.Parent == self)
                {
                    total += ticks;
                    break;
                }
            }
        }
        // USER_HZ is 100 on Linux.
        return TimeSpan.FromMilliseconds(total * 10.0);
    }
}
