namespace CvTailor.Api.Generation.Matching;

/// <summary>A requirement an artifact covers, how ("skill", "words" or "semantic") and the sentence that shows it.</summary>
public sealed record CoveredRequirement(
    string RequirementId, string Text, string Kind, string Via, double Coverage, IReadOnlyList<string> Skills, string Evidence);
