namespace CvTailor.Data.Artifacts;

/// <summary><c>artifacts_artifactprocessingjob</c>: progress of an artifact's metadata extraction / evidence validation.</summary>
public class ArtifactProcessingJob
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>pending, processing, completed or failed.</summary>
    public string Status { get; set; } = "pending";
    public int ProgressPercentage { get; set; }
    public string ErrorMessage { get; set; } = "";
    /// <summary>JSON object (PDF metadata).</summary>
    public string MetadataExtracted { get; set; } = "{}";
    /// <summary>JSON object keyed by evidence-link id as a string.</summary>
    public string EvidenceValidationResults { get; set; } = "{}";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
    public int ArtifactId { get; set; }

    public Artifact? Artifact { get; set; }
}
