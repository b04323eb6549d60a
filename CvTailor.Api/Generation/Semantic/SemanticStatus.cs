namespace CvTailor.Api.Generation.Semantic;

/// <summary>
/// What the semantic component did for one ranking, reported in match responses and generation metadata:
/// <c>used</c>, <c>no_vectors</c> (none of the caller's candidates has chunk vectors of the model yet),
/// <c>unavailable</c> (the embeddings service failed or timed out; ranked without it), <c>not_configured</c> or
/// <c>disabled</c>.
/// </summary>
public sealed record SemanticStatus(string Status, string Model, int ArtifactsWithVectors, string? Detail = null)
{
    public const string Used = "used";
    public const string NoVectors = "no_vectors";
    public const string Unavailable = "unavailable";
    public const string NotConfigured = "not_configured";
    public const string Disabled = "disabled";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsUsed => Status == Used;
}
