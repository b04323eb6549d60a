using CvTailor.Api.Generation.Matching;

namespace CvTailor.Api.Generation.Content;

/// <summary>A generated CV: its content JSON, metadata and the match it was built from.</summary>
public sealed record GeneratedCv(CvContent Content, GenerationMetadata Metadata, MatchResult Match);

/// <summary>A generated cover letter: its content JSON, metadata and the match it was built from.</summary>
public sealed record GeneratedCoverLetter(CoverLetterContent Content, GenerationMetadata Metadata, MatchResult Match);
