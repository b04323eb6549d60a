using System.Linq.Expressions;
using System.Text.Json;
using CvTailor.Data.Artifacts;

namespace CvTailor.Api.Artifacts;

/// <summary>
/// An artifact as list and detail views return it (<c>ArtifactSerializer</c>): with its evidence links, without any
/// vector or other processing column.
/// </summary>
public sealed record ArtifactDto(
    int Id,
    string Title,
    string Description,
    string ArtifactType,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement Technologies,
    JsonElement Collaborators,
    JsonElement ExtractedMetadata,
    IReadOnlyList<EvidenceLinkDto> EvidenceLinks,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>A database projection: only the listed columns are read, links ordered by id.</summary>
    public static Expression<Func<Artifact, ArtifactDto>> Projection { get; } = a => new ArtifactDto(
        a.Id, a.Title, a.Description, a.ArtifactType, a.StartDate, a.EndDate,
        JsonColumn.ToElement(a.Technologies), JsonColumn.ToElement(a.Collaborators), JsonColumn.ToElement(a.ExtractedMetadata),
        a.EvidenceLinks.OrderBy(l => l.Id).Select(l => new EvidenceLinkDto(
            l.Id, l.Url, l.LinkType, l.Description, l.FilePath, l.FileSize, l.MimeType,
            JsonColumn.ToElement(l.ValidationMetadata), l.LastValidated, l.IsAccessible, l.CreatedAt, l.UpdatedAt)).ToList(),
        a.CreatedAt, a.UpdatedAt);
}

/// <summary>R2's answer (<c>ArtifactCreateSerializer</c>): no links, no timestamps.</summary>
public sealed record ArtifactCreatedDto(
    int Id,
    string Title,
    string Description,
    string ArtifactType,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement Technologies,
    JsonElement Collaborators)
{
    public static ArtifactCreatedDto From(Artifact a) => new(
        a.Id, a.Title, a.Description, a.ArtifactType, a.StartDate, a.EndDate,
        JsonColumn.ToElement(a.Technologies), JsonColumn.ToElement(a.Collaborators));
}

/// <summary>R4's answer (<c>ArtifactUpdateSerializer</c>): the editable fields and the timestamps.</summary>
public sealed record ArtifactUpdatedDto(
    int Id,
    string Title,
    string Description,
    string ArtifactType,
    DateOnly? StartDate,
    DateOnly? EndDate,
    JsonElement Technologies,
    JsonElement Collaborators,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ArtifactUpdatedDto From(Artifact a) => new(
        a.Id, a.Title, a.Description, a.ArtifactType, a.StartDate, a.EndDate,
        JsonColumn.ToElement(a.Technologies), JsonColumn.ToElement(a.Collaborators), a.CreatedAt, a.UpdatedAt);
}
