namespace CvTailor.Data.Generation;

/// <summary><c>generation_jobdescription</c>: a parsed job description, a global cache shared by all users (keyed by hash).</summary>
public class JobDescription
{
    public int Id { get; set; }
    /// <summary>SHA-256 hex of the raw text (UTF-8).</summary>
    public string ContentHash { get; set; } = "";
    public string RawContent { get; set; } = "";
    /// <summary>JSON object: the parse result, including <c>processing_metadata</c>.</summary>
    public string ParsedData { get; set; } = "{}";
    public string CompanyName { get; set; } = "";
    public string RoleTitle { get; set; } = "";
    public double ParsingConfidence { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
