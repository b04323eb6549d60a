using System.Text.Json;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// The artifacts' JSON columns are mapped to strings (so imported values pass through untouched); this turns them
/// into JSON values for responses and builds them from validated lists.
/// </summary>
public static class JsonColumn
{
    public static JsonElement ToElement(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return default;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string FromStrings(IEnumerable<string> values) => JsonSerializer.Serialize(values);

    /// <summary>The elements of a JSON array column, or null when the stored value is not an array.</summary>
    public static List<JsonElement>? ArrayItems(string json)
    {
        var root = ToElement(json);
        return root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : null;
    }

    public static string FromElements(IEnumerable<JsonElement> values) => JsonSerializer.Serialize(values);
}
