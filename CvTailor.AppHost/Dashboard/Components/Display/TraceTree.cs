using CvTailor.AppHost.Dashboard.Store;

namespace CvTailor.AppHost.Dashboard.Components.Display;

/// <summary>A span placed in the waterfall: its depth under its parent and its offset within the trace.</summary>
public sealed record WaterfallRow(StoredSpan Span, int Depth, double OffsetPercent, double WidthPercent);

/// <summary>Orders a trace's spans depth-first (children by start time) for the waterfall view.</summary>
public static class TraceTree
{
    public static IReadOnlyList<WaterfallRow> Layout(IReadOnlyList<StoredSpan> spans)
    {
        if (spans.Count == 0)
        {
            return [];
        }

        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var total = Math.Max((end - start).Ticks, 1);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans
            .Where(s => s.ParentSpanId.Length > 0 && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Start).ToList(), StringComparer.Ordinal);
        // Roots: spans without a parent, and spans whose parent has not arrived (or was evicted).
        var roots = spans.Where(s => s.ParentSpanId.Length == 0 || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start);

        var rows = new List<WaterfallRow>(spans.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(StoredSpan Span, int Depth)>();
        foreach (var root in roots.Reverse())
        {
            stack.Push((root, 0));
        }

        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            if (!visited.Add(span.SpanId))
            {
                continue; // duplicate span ids would otherwise loop
            }

            rows.Add(new WaterfallRow(
                span,
                depth,
                100.0 * (span.Start - start).Ticks / total,
                100.0 * span.Duration.Ticks / total));
            if (children.TryGetValue(span.SpanId, out var kids))
            {
                for (var i = kids.Count - 1; i >= 0; i--)
                {
                    stack.Push((kids[i], depth + 1));
                }
            }
        }

        return rows;
    }
}
