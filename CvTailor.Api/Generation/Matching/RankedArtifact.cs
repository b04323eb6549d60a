using System.Text.Json.Serialization;

namespace CvTailor.Api.Generation.Matching;

/// <summary>One artifact in the ranking with its score, components and explanation.</summary>
public sealed record RankedArtifact(
    string ArtifactId,
    string Title,
    string ArtifactType,
    int Rank,
    double Score,
    double RelevanceScore,
    ScoreComponents Components,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<CoveredRequirement> CoveredRequirements,
    string Explanation,
    [property: JsonIgnore] ArtifactProfile Profile);
