using CvTailor.Data.Accounts;
using CvTailor.Data.Generation;

namespace CvTailor.Data.Export;

/// <summary><c>export_exportjob</c>: a PDF/DOCX rendering of a generated document and its file.</summary>
public class ExportJob
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>pdf or docx.</summary>
    public string Format { get; set; } = "";
    /// <summary>JSON object: <c>{"options": …, "sections": …, "watermark": …}</c>.</summary>
    public string ExportOptions { get; set; } = "{}";
    /// <summary>processing, completed or failed.</summary>
    public string Status { get; set; } = "processing";
    public int ProgressPercentage { get; set; }
    public string ErrorMessage { get; set; } = "";
    /// <summary>Storage-relative path, e.g. <c>exports/cv_1_….pdf</c>, or ''.</summary>
    public string FilePath { get; set; } = "";
    public int? FileSize { get; set; }
    public int DownloadCount { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public Guid GeneratedDocumentId { get; set; }
    public int? TemplateId { get; set; }
    public long UserId { get; set; }

    public GeneratedDocument? GeneratedDocument { get; set; }
    public ExportTemplate? Template { get; set; }
    public User? User { get; set; }
    public ICollection<ExportAnalytics> Analytics { get; } = [];
}
