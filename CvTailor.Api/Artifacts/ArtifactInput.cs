namespace CvTailor.Api.Artifacts;

/// <summary>
/// Validated artifact fields from a request. A null property was not sent (PATCH leaves it unchanged);
/// <see cref="HasStartDate"/>/<see cref="HasEndDate"/> tell "sent as null" from "not sent".
/// </summary>
public sealed class ArtifactInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? ArtifactType { get; set; }
    public bool HasStartDate { get; set; }
    public DateOnly? StartDate { get; set; }
    public bool HasEndDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public IReadOnlyList<string>? Technologies { get; set; }
    public IReadOnlyList<string>? Collaborators { get; set; }
    /// <summary>Only on create (R2, R7); updates never touch links.</summary>
    public IReadOnlyList<EvidenceLinkInput> EvidenceLinks { get; set; } = [];
}

/// <summary>A validated evidence link from a request (link type already normalised).</summary>
public sealed record EvidenceLinkInput(string Url, string LinkType, string Description);
