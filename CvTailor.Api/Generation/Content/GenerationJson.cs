using System.Text.Json;
using System.Text.Json.Serialization;

namespace CvTailor.Api.Generation.Content;

/// <summary>JSON settings for generation output: snake_case names and enum values, as the contract uses.</summary>
public static class GenerationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
