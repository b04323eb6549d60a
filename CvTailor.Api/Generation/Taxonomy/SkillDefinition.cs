namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>
/// One taxonomy entry as stored in <c>skills.json</c> (and in the contract's <c>generation_skillstaxonomy</c> table):
/// a canonical name, its aliases, the broader skills it implies (Kubernetes implies container orchestration) and
/// loosely related skills (shown as suggestions, never counted as evidence).
/// </summary>
public sealed record SkillDefinition
{
    public required string Name { get; init; }

    public string Category { get; init; } = "skill";

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> Implies { get; init; } = [];

    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>Match only with the given capitalisation (short names such as "R" or "Go").</summary>
    public bool CaseSensitive { get; init; }

    /// <summary>
    /// The single-word name is also an everyday word ("Go", "Ray", "Spark"): match it case-sensitively and not at the
    /// start of a sentence or bullet; multi-word aliases ("Go programming") still match anywhere.
    /// </summary>
    public bool Ambiguous { get; init; }
}
