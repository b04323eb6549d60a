namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// A requirement an artifact covers, how ("skill", "related": a neighbouring skill, then named in <c>Skills</c>, "words" or
/// "semantic") and the sentence that shows it.
/// </summary>
public sealed record CoveredRequirement(
    string RequirementId, string Text, string Kind, string Via, double Coverage, IReadOnlyList<string> Skills, string Evidence);
