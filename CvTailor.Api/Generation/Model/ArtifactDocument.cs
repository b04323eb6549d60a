namespace CvTailor.Api.Generation.Model;

/// <summary>
/// An artifact as the matching and generation code sees it: plain data, loaded by the caller from the database
/// (or from a fixture), always belonging to one user.
/// </summary>
public sealed record ArtifactDocument
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = "";

    /// <summary>project, job/experience, publication, presentation, open_source, certification, education.</summary>
    public string ArtifactType { get; init; } = "project";

    public DateOnly? StartDate { get; init; }

    /// <summary>Null when ongoing (or a certification without expiry).</summary>
    public DateOnly? EndDate { get; init; }

    public IReadOnlyList<string> Technologies { get; init; } = [];

    public IReadOnlyList<string> Collaborators { get; init; } = [];

    public IReadOnlyList<EvidenceLinkDocument> EvidenceLinks { get; init; } = [];

    /// <summary>Extra text chunks (extracted documents) that count as evidence; optional.</summary>
    public IReadOnlyList<string> ChunkTexts { get; init; } = [];

    /// <summary>Employer or institution when known from structured data; otherwise derived from the title.</summary>
    public string? Organization { get; init; }

    public bool IsJob => ArtifactType is "job" or "experience";

    public bool IsEducation => ArtifactType == "education";

    public bool IsCertification => ArtifactType == "certification";
}
