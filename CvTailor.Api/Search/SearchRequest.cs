using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Search;

/// <summary>A validated search body: <c>{query, metric, limit, threshold, chunks_per_artifact}</c>.</summary>
public sealed record SearchRequest(string Query, SearchMetric Metric, int Limit, double? Threshold, int ChunksPerArtifact)
{
    public const int MaxQueryLength = 2_000;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 10;
    public const int MaxChunksPerArtifact = 10;
    public const int DefaultChunksPerArtifact = 3;

    public static SearchRequest? Read(JsonObject body, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        body.TryReadString("query", errors, out var query, required: true, allowBlank: false, maxLength: MaxQueryLength);
        var metric = SearchMetric.Cosine;
        if (body.Has("metric") && body.TryReadChoice("metric", errors, SearchMetric.Names, out var metricName))
        {
            metric = SearchMetric.Find(metricName)!;
        }
        var limit = DefaultLimit;
        if (body.Has("limit") && body.TryReadInt("limit", errors, out var l, min: 1, max: MaxLimit))
        {
            limit = l;
        }
        var chunks = DefaultChunksPerArtifact;
        if (body.Has("chunks_per_artifact") && body.TryReadInt("chunks_per_artifact", errors, out var c, min: 1, max: MaxChunksPerArtifact))
        {
            chunks = c;
        }
        var threshold = ReadThreshold(body, errors);
        return errors.HasErrors ? null : new SearchRequest(query, metric, limit, threshold, chunks);
    }

    /// <summary>A DRF <c>FloatField</c> that may be null or absent.</summary>
    static double? ReadThreshold(JsonObject body, FieldErrors errors)
    {
        if (!body.TryGetPropertyValue("threshold", out var node) || node is null)
        {
            return null;
        }
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) && double.IsFinite(number))
            {
                return number;
            }
            if (value.GetValueKind() == JsonValueKind.String
                && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                && double.IsFinite(parsed))
            {
                return parsed;
            }
        }
        errors.Add("threshold", "A valid number is required.");
        return null;
    }
}
