namespace CvTailor.Api.Generation.Matching;

/// <summary>A keyword the CV can back up, and the artifact sentence that backs it.</summary>
public sealed record KeywordEvidence(
    string Keyword, string Importance, string ArtifactId, string ArtifactTitle, string Sentence, string Via, string? EvidenceUrl);
