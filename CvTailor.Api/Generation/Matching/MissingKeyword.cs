namespace CvTailor.Api.Generation.Matching;

/// <summary>A keyword of the posting that none of the person's artifacts evidences.</summary>
public sealed record MissingKeyword(string Keyword, string Importance);
