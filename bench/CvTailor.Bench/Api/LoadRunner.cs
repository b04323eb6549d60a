using System.Diagnostics;

namespace CvTailor.Bench.Api;

/// <summary>
/// Latency figures of one scenario, in milliseconds. <see cref="PerSecond"/> is the whole run's rate, drain included;
/// <see cref="SteadyPerSecond"/> is the rate while every client was busy (NaN when the run was too short to have such
/// a window).
/// </summary>
public sealed record LatencySummary(int Requests, int Failures, double Seconds, double P50, double P95, double P99, double Max, double SteadyPerSecond)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Bounded load: exactly <c>requests</c> calls, at most <c>concurrency</c> in flight, each timed on its own.
/// A call that throws or returns false counts as a failure (its time is still recorded).
/// </summary>
/// <remarks>
/// A fixed-count run ends with a drain: once the last call has been handed out, fewer and fewer calls are in flight,
/// and the server idles part of the time. The longer each call, the longer the drain, so the whole run's rate
/// understates the rate of many clients more than that of few (api-bench artifact-processing, 32 clients: the last
/// ~0.5 s of a 6 s run). The steady rate counts only the completions between the <c>concurrency</c>-th one (every
/// client has had a call answered, so calls in flight are at every stage) and the moment the first client found no call
/// left to make (from then on fewer are in flight).
/// </remarks>
public static class LoadRunner
{
    public static async Task<LatencySummary> RunAsync(Func<int, CancellationToken, Task<bool>> call, int requests, int concurrency, CancellationToken ct)
    {
        var latencies = new double[requests];
        var finished = new long[requests];
        var done = -1;
        long firstIdle = 0;
        var failures = 0;
        var next = -1;
        var clients = Math.Min(concurrency, requests);
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await call(i, ct);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                var now = Stopwatch.GetTimestamp();
                latencies[i] = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
                finished[Interlocked.Increment(ref done)] = now - start;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            Interlocked.CompareExchange(ref firstIdle, Stopwatch.GetTimestamp() - start, 0);
        });
        await Task.WhenAll(workers);
        var total = Stopwatch.GetElapsedTime(start);
        Array.Sort(latencies);
        Array.Sort(finished);
        return new LatencySummary(requests, failures, total.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1],
            SteadyRate(finished, clients, firstIdle));
    }

    /// <summary>Completions per second after the <paramref name="clients"/>-th completion, up to <paramref name="firstIdle"/>.</summary>
    static double SteadyRate(long[] sortedFinished, int clients, long firstIdle)
    {
        var from = sortedFinished[clients - 1];
        var count = sortedFinished.Count(t => t > from && t <= firstIdle);
        var seconds = (double)(firstIdle - from) / Stopwatch.Frequency;
        // Fewer than a round of calls in the window says nothing about a steady state.
        return count >= clients && seconds > 0 ? count / seconds : double.NaN;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
