using System.Text;
using System.Text.Json;

namespace CvTailor.Migrator.Values;

/// <summary>
/// Writes the content of a JSON document in a canonical form for checksums: object members sorted by key (a later
/// duplicate key wins, as in jsonb), strings unescaped, numbers by value (<see cref="JsonNumber"/>). Two texts with the
/// same parsed content — Python's <c>"Caf\u00e9"</c> and jsonb's <c>"Café"</c>, any key order or spacing — give the
/// same bytes. Also rejects what jsonb cannot store (NaN/Infinity, U+0000), so the import fails before writing.
/// </summary>
public static class CanonicalJson
{
    public static void Write(string json, CanonicalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new ValueConversionException($"not valid JSON for jsonb: {ex.Message}");
        }

        using (document)
        {
            WriteElement(document.RootElement, row);
        }
    }

    static void WriteElement(JsonElement element, CanonicalRow row)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[CheckedString(property.Name)] = property.Value;
                }

                row.WriteTag('{');
                row.WriteInt32(members.Count);
                foreach (var (name, value) in members)
                {
                    row.WriteString(name);
                    WriteElement(value, row);
                }

                break;
            case JsonValueKind.Array:
                row.WriteTag('[');
                row.WriteInt32(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(item, row);
                }

                break;
            case JsonValueKind.String:
                row.WriteTag('"');
                row.WriteString(CheckedString(GetString(element)));
                break;
            case JsonValueKind.Number:
                row.WriteTag('#');
                row.WriteString(JsonNumber.Normalize(Encoding.UTF8.GetBytes(element.GetRawText())));
                break;
            case JsonValueKind.True:
                row.WriteTag('t');
                break;
            case JsonValueKind.False:
                row.WriteTag('f');
                break;
            default:
                row.WriteTag('n');
                break;
        }
    }

    static string GetString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new ValueConversionException($"JSON string is not valid Unicode: {ex.Message}");
        }
    }

    static string CheckedString(string value) =>
        value.Contains('\0', StringComparison.Ordinal)
            ? throw new ValueConversionException("JSON text contains \\u0000, which jsonb cannot store")
            : value;
}
