using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// R7's <c>metadata</c>, in either form a client sends it: one part named <c>metadata</c> holding a JSON object (what
/// the React client sends, which the original could not read), or one part per key named <c>metadata.&lt;key&gt;</c>
/// (DRF's nested form keys; list values as a JSON array or comma-separated).
/// </summary>
public static class BulkUploadMetadata
{
    public const string Field = "metadata";
    const string KeyPrefix = "metadata.";
    static readonly string[] s_listKeys = ["technologies", "collaborators"];

    /// <summary>The metadata object, or null with the error already recorded under <c>metadata</c>.</summary>
    public static JsonObject? Extract(JsonObject formValues, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(formValues);
        ArgumentNullException.ThrowIfNull(errors);
        if (formValues.TryGetPropertyValue(Field, out var whole) && whole is not null)
        {
            return FromJsonPart(whole, errors);
        }

        var metadata = new JsonObject();
        foreach (var (key, value) in formValues)
        {
            if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length == KeyPrefix.Length)
            {
                continue;
            }
            var name = key[KeyPrefix.Length..];
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
            metadata[name] = FormValue(name, text);
        }
        if (metadata.Count == 0)
        {
            errors.Add(Field, DrfFields.Required);
            return null;
        }
        return metadata;
    }

    static JsonObject? FromJsonPart(JsonNode part, FieldErrors errors)
    {
        if (part is JsonObject direct)
        {
            return direct;
        }
        if (part is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(value.GetValue<string>());
            }
            catch (JsonException)
            {
                errors.Add(Field, "Metadata is not valid JSON.");
                return null;
            }
            if (parsed is JsonObject obj)
            {
                return obj;
            }
            errors.Add(Field, DrfFields.ExpectedDictionary(DrfFields.PythonTypeName(parsed)));
            return null;
        }
        errors.Add(Field, DrfFields.ExpectedDictionary(DrfFields.PythonTypeName(part)));
        return null;
    }

    static JsonNode? FormValue(string name, string text)
    {
        var trimmed = text.Trim();
        if (name == ArtifactFieldErrors.EvidenceLinksField || (s_listKeys.Contains(name) && trimmed.StartsWith('[')))
        {
            try
            {
                return JsonNode.Parse(trimmed);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text); // reported by the field reader as "not a list"
            }
        }
        if (s_listKeys.Contains(name))
        {
            return new JsonArray([.. trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => (JsonNode?)JsonValue.Create(s))]);
        }
        if (name is "start_date" or "end_date" && trimmed.Length == 0)
        {
            return null; // an empty form field means "no date"
        }
        return JsonValue.Create(text);
    }

    /// <summary>
    /// Field errors as the original reported metadata problems: a flat list under <c>metadata</c>, with its wording
    /// for missing required fields and link keys.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Flatten(ArtifactFieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var messages = new List<string>();
        foreach (var (field, list) in errors.Fields.ToDictionary())
        {
            foreach (var message in list)
            {
                messages.Add(message == DrfFields.Required ? $"Metadata missing required field: {field}" : $"{field}: {message}");
            }
        }
        if (errors.ToDictionary().TryGetValue(ArtifactFieldErrors.EvidenceLinksField, out var nested)
            && nested is List<IReadOnlyDictionary<string, string[]>> links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                foreach (var (field, list) in links[i])
                {
                    foreach (var message in list)
                    {
                        messages.Add(message == DrfFields.Required
                            ? $"Evidence links must contain '{(field == "link_type" ? "type" : field)}' field."
                            : $"evidence_links[{i}].{field}: {message}");
                    }
                }
            }
        }
        return new Dictionary<string, string[]> { [Field] = [.. messages] };
    }
}
