namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>The shape of <c>skills.json</c>.</summary>
public sealed record TaxonomyDocument
{
    public int Version { get; init; } = 1;

    /// <summary>Word-level equivalences applied before stemming ("projection" reads as "forecast").</summary>
    public IReadOnlyDictionary<string, string> WordVariants { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<SkillDefinition> Skills { get; init; } = [];
}
