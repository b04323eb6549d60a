namespace CvTailor.Api.Generation.Matching;

/// <summary>ATS keyword coverage: what is evidenced (with evidence), what is missing, and the share covered.</summary>
public sealed record KeywordCoverageReport(IReadOnlyList<KeywordEvidence> Matched, IReadOnlyList<MissingKeyword> Missing)
{
    public double CoverageRatio => Matched.Count + Missing.Count == 0 ? 0 : (double)Matched.Count / (Matched.Count + Missing.Count);
}
