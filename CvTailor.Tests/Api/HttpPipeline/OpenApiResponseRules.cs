using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>
/// What every operation of the OpenAPI document must say about its answers: a 2xx; 401 when it needs a user (it
/// declares the Bearer scheme); 404 when its path names a resource; 400 when it reads a body; the statuses its
/// endpoint's metadata implies (403 for staff-only, 429 for rate-limited); and a media type for every answer with a
/// body (all but 204). Returns one line per gap, naming the operation and the missing status.
/// </summary>
public static partial class OpenApiResponseRules
{
    public static IReadOnlyList<string> Problems(JsonNode document, Func<string, string, IEnumerable<int>> requiredByMetadata)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || !operation.ContainsKey("responses"))
                {
                    continue;
                }
                var name = $"{method.ToUpperInvariant()} {path}";
                var responses = operation["responses"]!.AsObject();
                var statuses = responses.Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).ToHashSet();
                if (!statuses.Any(s => s is >= 200 and < 300))
                {
                    problems.Add($"{name}: no 2xx response");
                }
                var required = new SortedSet<int>(requiredByMetadata(path, method.ToUpperInvariant()));
                if (operation["security"] is JsonArray { Count: > 0 })
                {
                    required.Add(401);
                }
                if (path.Contains('{', StringComparison.Ordinal))
                {
                    required.Add(404);
                }
                if (operation.ContainsKey("requestBody"))
                {
                    required.Add(400);
                }
                problems.AddRange(required.Where(s => !statuses.Contains(s)).Select(s => $"{name}: {s} not documented"));
                problems.AddRange(responses
                    .Where(r => r.Key != "204" && r.Value?["content"] is not JsonObject { Count: > 0 })
                    .Select(r => $"{name}: {r.Key} has no media type"));
            }
        }
        return problems;
    }

    /// <summary>A route template as the document writes it: constraints dropped, the trailing slash kept.</summary>
    public static string DocumentPath(string routeTemplate)
    {
        ArgumentNullException.ThrowIfNull(routeTemplate);
        var path = RouteParameter().Replace(routeTemplate, "{$1}");
        return path.EndsWith('/') ? path : path + "/";
    }

    [GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
