using System.Text;
using System.Text.RegularExpressions;

namespace CvTailor.Tests.Architecture;

/// <summary>
/// Which area of the Api uses which: an area is the first namespace part after <c>CvTailor.Api</c> (its folder).
/// Each edge keeps one example (a type or a file) so a failure says where to look.
/// </summary>
public sealed partial class AreaGraph
{
    public const string Root = "CvTailor.Api";

    readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Areas => _edges.Keys;

    public IEnumerable<string> Uses(string area) =>
        _edges.TryGetValue(area, out var to) ? to.Keys : [];

    public string Example(string from, string to) => _edges[from][to];

    /// <summary>The area of a namespace of the Api, or null outside the Api (the composition root is its own node).</summary>
    public static string? AreaOf(string? ns) =>
        ns == Root ? Root
        : ns is not null && ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0]
        : null;

    public void AddArea(string area) => _edges.TryAdd(area, new(StringComparer.Ordinal));

    public void Add(string from, string to, string example)
    {
        AddArea(from);
        AddArea(to);
        if (from != to)
        {
            _edges[from].TryAdd(to, example);
        }
    }

    /// <summary>The graph the <c>using</c> directives of the Api's sources draw (aliases and static usings included).</summary>
    public static AreaGraph FromUsingDirectives(string apiDirectory)
    {
        var graph = new AreaGraph();
        foreach (var file in Directory.EnumerateFiles(apiDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(apiDirectory, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (AreaOf(NamespaceDeclaration().Match(text).Groups[1].Value) is not { } from)
            {
                continue;
            }

            graph.AddArea(from);
            foreach (Match directive in UsingDirective().Matches(text))
            {
                if (AreaOf(directive.Groups[1].Value) is { } to && to != Root)
                {
                    graph.Add(from, to, relative.Replace(Path.DirectorySeparatorChar, '/'));
                }
            }
        }

        return graph;
    }

    /// <summary>Every cycle's areas (strongly connected groups of two or more), each as one closed path through them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var groups = new List<HashSet<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in Uses(v))
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var group = new HashSet<string>(StringComparer.Ordinal);
                string w;
                do
                {
                    w = stack.Pop();
                    group.Add(w);
                }
                while (w != v);
                if (group.Count > 1)
                {
                    groups.Add(group);
                }
            }
        }

        foreach (var area in Areas)
        {
            if (!index.ContainsKey(area))
            {
                Visit(area);
            }
        }

        return [.. groups.Select(ClosedPath)];
    }

    /// <summary>The shortest way from the group's first area back to itself, staying inside the group.</summary>
    IReadOnlyList<string> ClosedPath(HashSet<string> group)
    {
        var start = group.Order(StringComparer.Ordinal).First();
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in Uses(v).Where(group.Contains))
            {
                if (w == start)
                {
                    var path = new List<string> { start };
                    for (var at = v; at != start; at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if (previous.TryAdd(w, v))
                {
                    queue.Enqueue(w);
                }
            }
        }

        throw new InvalidOperationException($"{start} is in a cycle group but no path leads back to it.");
    }

    /// <summary>"A -> B -> A" with the example behind each step.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var text = new StringBuilder(string.Join(" -> ", cycle));
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            text.Append("\n    " + cycle[i] + " -> " + cycle[i + 1] + ": " + Example(cycle[i], cycle[i + 1]));
        }

        return text.ToString();
    }

    /// <summary>One line per area: "Area -> Used, Used" (docs/architecture.md shows this graph).</summary>
    public string ToText() => string.Join('\n', Areas.Select(a => $"{a} -> {(Uses(a).Any() ? string.Join(", ", Uses(a)) : "(nothing)")}"));

    /// <summary>
    /// The areas as a mermaid flowchart (docs/architecture.md). The composition root is left out: it wires every area,
    /// and its edges would hide the ones between areas.
    /// </summary>
    public string ToMermaid()
    {
        var areas = Areas.Where(a => a != Root).ToList();
        var text = new StringBuilder("flowchart LR\n");
        foreach (var area in areas)
        {
            if (!Uses(area).Any() && !areas.Any(a => Uses(a).Contains(area)))
            {
                text.Append("    " + area + "\n");
            }

            foreach (var used in Uses(area))
            {
                text.Append("    " + area + " --> " + used + "\n");
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
