using CvTailor.Api.Generation.Grounding;
using CvTailor.Api.Generation.Matching;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// The <c>metadata</c> object of a generated document: the contract's keys (model_used, generation_time_ms,
/// artifacts_used, skill_match_score, missing_skills) plus the ATS keyword coverage report.
/// </summary>
public sealed record GenerationMetadata
{
    public required string ModelUsed { get; init; }

    public required string ModelVersion { get; init; }

    public required int GenerationTimeMs { get; init; }

    public required IReadOnlyList<string> ArtifactsUsed { get; init; }

    /// <summary>0–10: share of the posting's keywords the artifacts evidence, times ten (the original's scale).</summary>
    public required int SkillMatchScore { get; init; }

    public required IReadOnlyList<string> MatchedKeywords { get; init; }

    public required IReadOnlyList<string> MissingKeywords { get; init; }

    /// <summary>Must-have skills without evidence (the contract's key).</summary>
    public required IReadOnlyList<string> MissingSkills { get; init; }

    /// <summary>Each matched keyword with the artifact and sentence that evidence it.</summary>
    public required IReadOnlyList<KeywordEvidence> KeywordEvidence { get; init; }

    public required string JobDescriptionHash { get; init; }

    public required string SemanticModel { get; init; }

    public required GroundingReport Grounding { get; init; }
}
