using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// Where a request's time goes on the server, from the spans the Api emits in this process (the Api runs in the
/// bench): the ASP.NET Core request span, our own spans (parse, rank…), Npgsql commands and outgoing HTTP calls (the
/// Embeddings service), each part's exclusive time (its children taken off) summed per request trace. Listening costs a little; the figures are for comparing parts.
/// </summary>
internal sealed class SpanBreakdown : IDisposable
{
    readonly ActivityListener _listener;
    readonly ConcurrentDictionary<ActivityTraceId, ConcurrentDictionary<string, double>> _traces = new();

    readonly bool _sqlParts;

    /// <param name="sqlParts">Each SQL statement as a part of its own (by its first words) instead of one "PostgreSQL commands".</param>
    public SpanBreakdown(bool sqlParts = false)
    {
        _sqlParts = sqlParts;
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Microsoft.AspNetCore" or "Npgsql" or "System.Net.Http" || s.Name.StartsWith("CvTailor.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.Parent?.OperationName == Root || a.OperationName == Root)
                {
                    return; // the bench's own call (its HttpClient span), not the server's work
                }
                // Exclusive time: a span's duration counts for its part and is taken off its parent's part.
                var parts = _traces.GetOrAdd(a.TraceId, _ => new());
                var ms = a.Duration.TotalMilliseconds;
                parts.AddOrUpdate(Part(a), ms, (_, sum) => sum + ms);
                if (a.Parent is { } parent && parent.OperationName != Root)
                {
                    parts.AddOrUpdate(Part(parent), -ms, (_, sum) => sum - ms);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    const string Root = "bench-call";

    /// <summary>The start of a command's SQL, to tell the statements of a request apart.</summary>
    static string Statement(Activity a)
    {
        var sql = (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")) as string ?? a.DisplayName;
        var line = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 60 ? line : line[..60];
    }

    string Part(Activity a) => a.Source.Name switch
    {
        "Microsoft.AspNetCore" => "request, outside the spans below",
        "Npgsql" when _sqlParts => "SQL " + Statement(a),
        "Npgsql" => "PostgreSQL commands",
        "System.Net.Http" => "HTTP calls out (Embeddings service)",
        _ => $"{a.OperationName} (own work)",
    };

    /// <summary>Runs <paramref name="call"/> in a trace of its own and returns that trace's parts.</summary>
    public async Task<IReadOnlyDictionary<string, double>> MeasureAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var root = new Activity(Root).Start();
        await call();
        root.Stop();
        await Task.Delay(20); // the server's request span ends just after the answer is sent
        return _traces.TryRemove(root.TraceId, out var parts) ? parts : new ConcurrentDictionary<string, double>();
    }

    /// <summary>p50 and p95 of each part over the calls (a part absent from a call counts as 0 there).</summary>
    public static async Task PrintAsync(TextWriter output, string title, IReadOnlyList<IReadOnlyDictionary<string, double>> calls)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(calls);
        await output.WriteLineAsync($"{title} (from the server's spans, summed per call)                p50 ms    p95 ms");
        foreach (var part in calls.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var values = calls.Select(c => c.GetValueOrDefault(part)).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {part,-40} {Percentiles.Of(values, 50),8:F1} {Percentiles.Of(values, 95),9:F1}"));
        }
    }

    public void Dispose() => _listener.Dispose();
}
