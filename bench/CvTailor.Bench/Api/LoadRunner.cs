using System.Diagnostics;

namespace CvTailor.Bench.Api;

/// <summary>Latency figures of one scenario, in milliseconds.</summary>
public sealed record LatencySummary(int Requests, int Failures, double Seconds, double P50, double P95, double P99, double Max)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// Bounded load: exactly <c>requests</c> calls, at most <c>concurrency</c> in flight, each timed on its own.
/// A call that throws or returns false counts as a failure (its time is still recorded).
/// </summary>
public static class LoadRunner
{
    public static async Task<LatencySummary> RunAsync(Func<int, CancellationToken, Task<bool>> call, int requests, int concurrency, CancellationToken ct)
    {
        var latencies = new double[requests];
        var failures = 0;
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, requests)).Select(async _ =>
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
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        await Task.WhenAll(workers);
        total.Stop();
        Array.Sort(latencies);
        return new LatencySummary(requests, failures, total.Elapsed.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
