using System.Text.Json;

namespace CvTailor.Api.Artifacts;

/// <summary>An evidence link as the original's <c>EvidenceLinkSerializer</c> rendered it (nested in an artifact).</summary>
public sealed record EvidenceLinkDto(
    long Id,
    string Url,
    string LinkType,
    string Description,
    string FilePath,
    int? FileSize,
    string MimeType,
    JsonElement ValidationMetadata,
    DateTime? LastValidated,
    bool IsAccessible,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>R11's answer: the created link.</summary>
public sealed record EvidenceLinkCreatedDto(long Id, string Url, string LinkType, string Description, DateTime CreatedAt);

/// <summary>R12's answer: the updated link.</summary>
public sealed record EvidenceLinkUpdatedDto(long Id, string Url, string LinkType, string Description, DateTime UpdatedAt);
