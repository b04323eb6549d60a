using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;

namespace CvTailor.Data.Artifacts;

/// <summary><c>artifacts_artifact</c>: a piece of a user's career record (project, publication, job, …).</summary>
public class Artifact : IAutoUpdatedAt
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>project, publication, presentation, certification, experience or education.</summary>
    public string ArtifactType { get; set; } = "project";
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>JSON array of strings.</summary>
    public string Technologies { get; set; } = "[]";
    /// <summary>JSON array of strings (emails in the UI).</summary>
    public string Collaborators { get; set; } = "[]";
    /// <summary>JSON object written by processing.</summary>
    public string ExtractedMetadata { get; set; } = "{}";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public long UserId { get; set; }

    public User? User { get; set; }
    public ICollection<EvidenceLink> EvidenceLinks { get; } = [];
    public ICollection<ArtifactProcessingJob> ProcessingJobs { get; } = [];
}
