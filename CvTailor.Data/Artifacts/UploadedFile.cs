namespace CvTailor.Data.Artifacts;

/// <summary><c>artifacts_uploadedfile</c>: a file a user uploaded; linked to an artifact only through an evidence link's <c>file_path</c>.</summary>
public class UploadedFile
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Storage-relative path, e.g. <c>uploads/cv.pdf</c>.</summary>
    public string File { get; set; } = "";
    public string OriginalFilename { get; set; } = "";
    public int FileSize { get; set; }
    public string MimeType { get; set; } = "";
    public bool IsProcessed { get; set; }
    public string ProcessingError { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public long UserId { get; set; }
}
