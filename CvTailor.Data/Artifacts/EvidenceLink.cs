using CvTailor.Data.Schema;

namespace CvTailor.Data.Artifacts;

/// <summary><c>artifacts_evidencelink</c>: a URL or uploaded file backing an artifact.</summary>
public class EvidenceLink : IAutoUpdatedAt
{
    public long Id { get; set; }
    public string Url { get; set; } = "";
    /// <summary>github, live_app, document, website, portfolio, other (not enforced: older rows hold other strings).</summary>
    public string LinkType { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Storage-relative path when the link is an uploaded file, else ''.</summary>
    public string FilePath { get; set; } = "";
    public int? FileSize { get; set; }
    public string MimeType { get; set; } = "";
    /// <summary>JSON object: <c>{status_code, headers, final_url}</c> or <c>{error}</c> after validation.</summary>
    public string ValidationMetadata { get; set; } = "{}";
    public DateTime? LastValidated { get; set; }
    public bool IsAccessible { get; set; } = true;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public int ArtifactId { get; set; }

    public Artifact? Artifact { get; set; }
}
