using System.Text.Json.Nodes;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// The original React client sends generation and export bodies in camelCase (<c>jobDescription</c>,
/// <c>includeEvidence</c>), which the original backend rejected (contract §9.1). We accept a known key in either
/// spelling; the snake_case one wins when both are sent. Only the listed keys are aliased, so a typo is still an error.
/// </summary>
public static class CamelCaseAliases
{
    public static void Apply(JsonObject body, IEnumerable<string> snakeCaseKeys)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(snakeCaseKeys);
        foreach (var key in snakeCaseKeys)
        {
            var camel = ToCamelCase(key);
            if (camel == key || !body.ContainsKey(camel))
            {
                continue;
            }
            var value = body[camel];
            body.Remove(camel);
            if (!body.ContainsKey(key))
            {
                body[key] = value;
            }
        }
    }

    public static string ToCamelCase(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
