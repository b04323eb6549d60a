using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Semantic similarity between short queries (requirement lines, keywords) and the sentences of artifacts.
/// Implemented over any embedding model; ranking uses it only where words do not match.
/// </summary>
public interface ISemanticScorer
{
    /// <summary>An identifier of the model behind the scores (recorded in explanations).</summary>
    string ModelId { get; }

    Task<SemanticScores> ScoreAsync(
        IReadOnlyList<string> queries, IReadOnlyList<ArtifactProfile> artifacts, CancellationToken cancellationToken);

    /// <summary>
    /// Per phrase, the taxonomy skill it names in other words (<see cref="SkillPhraseIndex"/>), or null. A scorer
    /// that cannot embed returns nulls.
    /// </summary>
    Task<IReadOnlyList<int?>> ResolveSkillsAsync(
        IReadOnlyList<string> phrases, SkillTaxonomy taxonomy, double threshold, double margin, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<int?>>(new int?[phrases.Count]);
}
