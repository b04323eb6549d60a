using CvTailor.Data.Accounts;

namespace CvTailor.Data.Generation;

/// <summary><c>generation_generateddocument</c>: a generated CV or cover letter and its generation state.</summary>
public class GeneratedDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>cv or cover_letter.</summary>
    public string DocumentType { get; set; } = "cv";
    public string JobDescriptionHash { get; set; } = "";
    /// <summary>JSON array of ints (the React app sends selected artifact ids).</summary>
    public string LabelIds { get; set; } = "[]";
    /// <summary>Plain integer, not a foreign key (intended to reference <c>generation_cvtemplate</c>).</summary>
    public int TemplateId { get; set; } = 1;
    public string CustomSections { get; set; } = "{}";
    public string GenerationPreferences { get; set; } = "{}";
    /// <summary>JSON object: the CV once completed.</summary>
    public string Content { get; set; } = "{}";
    public string Metadata { get; set; } = "{}";
    /// <summary>processing, completed or failed.</summary>
    public string Status { get; set; } = "processing";
    public int ProgressPercentage { get; set; }
    public string ErrorMessage { get; set; } = "";
    /// <summary>JSON array of the ids of the artifacts used.</summary>
    public string ArtifactsUsed { get; set; } = "[]";
    public string ModelVersion { get; set; } = "";
    public int? GenerationTimeMs { get; set; }
    public int? UserRating { get; set; }
    public string UserFeedback { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public int? JobDescriptionId { get; set; }
    public long UserId { get; set; }
    /// <summary>Not in the original: the caller's cached posting (text, company, role) this document is generated from.</summary>
    public long? UserJobDescriptionId { get; set; }

    public JobDescription? JobDescription { get; set; }
    public UserJobDescription? UserJobDescription { get; set; }
    public User? User { get; set; }
    public ICollection<GenerationFeedback> Feedback { get; } = [];
}
