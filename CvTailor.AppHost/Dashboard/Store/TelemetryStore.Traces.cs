using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Trace.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Trace.V1;

namespace CvTailor.AppHost.Dashboard.Store;

public sealed partial class TelemetryStore
{
    readonly Queue<StoredSpan> _spans = new();
    readonly Dictionary<string, Queue<StoredSpan>> _spansByResource = new(StringComparer.Ordinal);
    readonly Dictionary<string, Queue<StoredSpan>> _spansByTrace = new(StringComparer.Ordinal);
    long _spanBytes;

    /// <summary>Stores the spans of an OTLP export; spans without a valid trace or span id are rejected.</summary>
    public IngestResult AddTraces(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long rejected = 0;
        var batches = new List<(TelemetryResource Resource, List<StoredSpan> Spans)>(request.ResourceSpans.Count);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = OtlpConversion.ToResource(resourceSpans.Resource, _limits);
            var spans = new List<StoredSpan>();
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = scopeSpans.Scope?.Name ?? "";
                foreach (var span in scopeSpans.Spans)
                {
                    if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
                    {
                        rejected++;
                        continue;
                    }

                    spans.Add(ToStoredSpan(resource, scope, span));
                }
            }

            batches.Add((resource, spans));
        }

        lock (_gate)
        {
            foreach (var (resource, spans) in batches)
            {
                var entry = TouchResource(resource);
                foreach (var span in spans)
                {
                    AddSpan(span with { Resource = entry.Resource });
                }
            }
        }

        Changed();
        return rejected == 0 ? IngestResult.Accepted
            : new IngestResult(rejected, $"{rejected} span(s) rejected: trace_id must be 16 bytes and span_id 8 bytes.");
    }

    public IReadOnlyList<TraceSummary> GetTraces(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<StoredSpan[]> traces;
        lock (_gate)
        {
            IEnumerable<Queue<StoredSpan>> candidates = _spansByTrace.Values;
            if (query.ResourceKey is not null)
            {
                // Start from the resource's own spans so a filter does not scan unrelated traces.
                candidates = _spansByResource.TryGetValue(query.ResourceKey, out var own)
                    ? own.Select(s => s.TraceId).Distinct().Select(id => _spansByTrace[id])
                    : [];
            }

            traces = [.. candidates.Select(q => q.ToArray())];
        }

        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        return [.. traces
            .Select(Summarize)
            .Where(t => !query.ErrorsOnly || t.Summary.HasError)
            .Where(t => text is null || t.Spans.Any(s => Matches(s, text)))
            .Select(t => t.Summary)
            .OrderByDescending(t => t.Start)
            .Take(Math.Max(1, query.Limit))];
    }

    /// <summary>All retained spans of one trace, ordered by start time (empty when unknown or evicted).</summary>
    public IReadOnlyList<StoredSpan> GetTrace(string traceId)
    {
        lock (_gate)
        {
            return _spansByTrace.TryGetValue(traceId.ToLowerInvariant(), out var spans)
                ? [.. spans.OrderBy(s => s.Start)]
                : [];
        }
    }

    void AddSpan(StoredSpan span)
    {
        _spans.Enqueue(span);
        _spanBytes += span.EstimatedBytes;
        Index(_spansByResource, span.Resource.Key, span);
        Index(_spansByTrace, span.TraceId, span);
        while (_spans.Count > 0 && (_spans.Count > _limits.MaxSpans || _spanBytes > _limits.MaxSpanBytes))
        {
            var old = _spans.Dequeue();
            _spanBytes -= old.EstimatedBytes;
            Unindex(_spansByResource, old.Resource.Key);
            Unindex(_spansByTrace, old.TraceId);
        }
    }

    static void Index<T>(Dictionary<string, Queue<T>> index, string key, T item)
    {
        if (!index.TryGetValue(key, out var queue))
        {
            queue = new Queue<T>();
            index.Add(key, queue);
        }

        queue.Enqueue(item);
    }

    // The evicted item is the oldest overall, hence also the oldest (the head) of every index queue it is in.
    static void Unindex<T>(Dictionary<string, Queue<T>> index, string key)
    {
        var queue = index[key];
        queue.Dequeue();
        if (queue.Count == 0)
        {
            index.Remove(key);
        }
    }

    static bool Matches(StoredSpan span, string text) =>
        span.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || span.TraceId.Equals(text, StringComparison.OrdinalIgnoreCase)
        || span.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));

    static (TraceSummary Summary, StoredSpan[] Spans) Summarize(StoredSpan[] spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        // The root is the span without a parent, or failing that (root not received yet) the earliest orphan.
        var root = spans.Where(s => s.ParentSpanId.Length == 0).MinBy(s => s.Start)
                   ?? spans.Where(s => !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start)
                   ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var summary = new TraceSummary(
            root.TraceId,
            root.Name,
            root.Resource.ServiceName,
            start,
            end > start ? end - start : TimeSpan.Zero,
            spans.Length,
            [.. spans.Select(s => s.Resource.ServiceName).Distinct(StringComparer.Ordinal)],
            spans.Any(s => s.Status == SpanStatus.Error));
        return (summary, spans);
    }

    StoredSpan ToStoredSpan(TelemetryResource resource, string scope, Span span)
    {
        var attributes = OtlpConversion.ToAttributes(span.Attributes, _limits);
        var events = span.Events.Take(_limits.MaxSpanEvents)
            .Select(e => new SpanEvent(OtlpConversion.ToDateTime(e.TimeUnixNano),
                OtlpConversion.Truncate(e.Name, _limits.MaxAttributeLength),
                OtlpConversion.ToAttributes(e.Attributes, _limits)))
            .ToArray();
        var links = span.Links.Take(_limits.MaxSpanLinks)
            .Select(l => new SpanLink(OtlpConversion.ToHex(l.TraceId), OtlpConversion.ToHex(l.SpanId),
                OtlpConversion.ToAttributes(l.Attributes, _limits)))
            .ToArray();
        var name = OtlpConversion.Truncate(span.Name, _limits.MaxAttributeLength);
        var statusMessage = OtlpConversion.Truncate(span.Status?.Message ?? "", _limits.MaxAttributeLength);

        long bytes = 400 + OtlpConversion.EstimateBytes(name) + OtlpConversion.EstimateBytes(statusMessage)
                     + OtlpConversion.EstimateBytes(attributes);
        foreach (var e in events)
        {
            bytes += 64 + OtlpConversion.EstimateBytes(e.Name) + OtlpConversion.EstimateBytes(e.Attributes);
        }

        foreach (var l in links)
        {
            bytes += 160 + OtlpConversion.EstimateBytes(l.Attributes);
        }

        return new StoredSpan
        {
            Resource = resource,
            Scope = OtlpConversion.Truncate(scope, _limits.MaxAttributeLength),
            TraceId = OtlpConversion.ToHex(span.TraceId),
            SpanId = OtlpConversion.ToHex(span.SpanId),
            ParentSpanId = OtlpConversion.ToHex(span.ParentSpanId),
            Name = name,
            Kind = span.Kind switch
            {
                Span.Types.SpanKind.Server => "Server",
                Span.Types.SpanKind.Client => "Client",
                Span.Types.SpanKind.Producer => "Producer",
                Span.Types.SpanKind.Consumer => "Consumer",
                Span.Types.SpanKind.Internal => "Internal",
                _ => "Unspecified",
            },
            Start = OtlpConversion.ToDateTime(span.StartTimeUnixNano),
            End = OtlpConversion.ToDateTime(span.EndTimeUnixNano),
            Status = span.Status?.Code switch
            {
                Status.Types.StatusCode.Ok => SpanStatus.Ok,
                Status.Types.StatusCode.Error => SpanStatus.Error,
                _ => SpanStatus.Unset,
            },
            StatusMessage = statusMessage,
            Attributes = attributes,
            Events = events,
            Links = links,
            EstimatedBytes = bytes,
        };
    }
}
