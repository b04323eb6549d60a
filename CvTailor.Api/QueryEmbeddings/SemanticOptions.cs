namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// Configuration section <c>Generation:Semantic</c>: whether matching uses semantic similarity at all. Where query
/// vectors come from (endpoint, model, key, time limit, cache) is shared with artifact search in
/// <c>QueryEmbeddings</c>; this section's former keys for those still work as aliases.
/// </summary>
public sealed class SemanticOptions
{
    public const string Section = "Generation:Semantic";

    public bool Enabled { get; set; } = true;
}
