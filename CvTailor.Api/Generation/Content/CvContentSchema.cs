using System.Text.Json;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Checks that a JSON document has exactly the CV content shape of the contract (§4.7): the six top-level keys and
/// each item's keys with string or string-array values. Used to vet LLM output before it can replace the
/// deterministic CV; returns the problems found, empty when the document conforms.
/// </summary>
public static class CvContentSchema
{
    static readonly (string Key, Kind Kind)[] Root =
    [
        ("professional_summary", Kind.String), ("key_skills", Kind.Strings), ("experience", Kind.Objects),
        ("projects", Kind.Objects), ("education", Kind.Objects), ("certifications", Kind.Objects),
    ];

    static readonly Dictionary<string, (string Key, Kind Kind)[]> Items = new(StringComparer.Ordinal)
    {
        ["experience"] =
        [
            ("title", Kind.String), ("organization", Kind.String), ("duration", Kind.String), ("achievements", Kind.Strings),
            ("technologies_used", Kind.Strings), ("evidence_references", Kind.Strings),
        ],
        ["projects"] =
        [
            ("name", Kind.String), ("description", Kind.String), ("technologies", Kind.Strings), ("evidence_url", Kind.String),
            ("impact_metrics", Kind.String),
        ],
        ["education"] = [("degree", Kind.String), ("institution", Kind.String), ("year", Kind.String), ("details", Kind.String)],
        ["certifications"] = [("name", Kind.String), ("issuer", Kind.String), ("date", Kind.String)],
    };

    enum Kind
    {
        String,
        Strings,
        Objects,
    }

    public static IReadOnlyList<string> Validate(JsonElement document)
    {
        var errors = new List<string>();
        CheckObject(document, "$", Root, errors);
        if (document.ValueKind != JsonValueKind.Object)
        {
            return errors;
        }

        foreach (var (array, keys) in Items)
        {
            if (document.TryGetProperty(array, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    CheckObject(item, $"$.{array}[{i++}]", keys, errors);
                }
            }
        }

        return errors;
    }

    static void CheckObject(JsonElement element, string path, (string Key, Kind Kind)[] keys, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path} must be an object.");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!keys.Any(k => k.Key == property.Name))
            {
                errors.Add($"{path}.{property.Name} is not part of the CV content.");
            }
        }

        foreach (var (key, kind) in keys)
        {
            if (!element.TryGetProperty(key, out var value))
            {
                errors.Add($"{path}.{key} is missing.");
                continue;
            }

            var ok = kind switch
            {
                Kind.String => value.ValueKind == JsonValueKind.String,
                Kind.Strings => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String),
                _ => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object),
            };
            if (!ok)
            {
                errors.Add($"{path}.{key} must be {(kind == Kind.String ? "a string" : kind == Kind.Strings ? "an array of strings" : "an array of objects")}.");
            }
        }
    }
}
