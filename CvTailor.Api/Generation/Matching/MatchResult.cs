using CvTailor.Api.Generation.Parsing;

namespace CvTailor.Api.Generation.Matching;

/// <summary>The outcome of matching one posting against one person's artifacts.</summary>
public sealed record MatchResult(ParsedJobDescription Job, IReadOnlyList<RankedArtifact> Ranked, KeywordCoverageReport Coverage, string? SemanticModel);
