using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Matching;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// The generation core names artifacts by string ids; the Api's artifacts have integer ids (the contract's
/// <c>artifacts_used: [int]</c>). These turn the core's records into the stored/returned JSON with integer ids.
/// </summary>
public static class GenerationJsonMapping
{
    public static int ArtifactId(string id) => int.Parse(id, CultureInfo.InvariantCulture);

    public static JsonObject Content(CvContent content) => ToObject(content);

    public static JsonObject Content(CoverLetterContent content)
    {
        var json = ToObject(content);
        IntIds(json["evidence"] as JsonArray, "artifact_id");
        return json;
    }

    public static JsonObject Metadata(GenerationMetadata metadata)
    {
        var json = ToObject(metadata);
        json["artifacts_used"] = new JsonArray([.. metadata.ArtifactsUsed.Select(id => (JsonNode)ArtifactId(id))]);
        IntIds(json["keyword_evidence"] as JsonArray, "artifact_id");
        return json;
    }

    public static KeywordEvidenceDto Evidence(KeywordEvidence e) =>
        new(e.Keyword, e.Importance, ArtifactId(e.ArtifactId), e.ArtifactTitle, e.Sentence, e.Via, e.EvidenceUrl);

    public static JsonElement Element(object value) => JsonSerializer.SerializeToElement(value, value.GetType(), GenerationJson.Options);

    public static JsonNode? Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), GenerationJson.Options);

    static JsonObject ToObject(object value) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), GenerationJson.Options)!.AsObject();

    static void IntIds(JsonArray? items, string key)
    {
        foreach (var item in items?.OfType<JsonObject>() ?? [])
        {
            if (item[key] is JsonValue v && v.TryGetValue<string>(out var text))
            {
                item[key] = ArtifactId(text);
            }
        }
    }
}

/// <summary>A matched keyword with the (integer) id of the artifact that evidences it.</summary>
public sealed record KeywordEvidenceDto(
    string Keyword, string Importance, int ArtifactId, string ArtifactTitle, string Sentence, string Via, string? EvidenceUrl);
