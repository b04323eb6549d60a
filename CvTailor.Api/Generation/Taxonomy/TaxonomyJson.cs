using System.Text.Json;

namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>Serializer settings for <c>skills.json</c> (camelCase, comments allowed).</summary>
internal static class TaxonomyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
