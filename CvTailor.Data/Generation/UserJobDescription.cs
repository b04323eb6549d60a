using CvTailor.Data.Accounts;

namespace CvTailor.Data.Generation;

/// <summary>
/// <c>generation_userjobdescription</c> (new): the job-description parse cache, one row per user, posting text,
/// company and role. It replaces the original's global <c>generation_jobdescription</c> cache for new work, which
/// kept the first requester's company and role and let one user's parse serve another; that table is kept for
/// imported rows only.
/// </summary>
public class UserJobDescription
{
    public long Id { get; set; }
    public long UserId { get; set; }
    /// <summary>SHA-256 hex of the raw text (UTF-8), the contract's <c>content_hash</c>.</summary>
    public string ContentHash { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string RoleTitle { get; set; } = "";
    public string RawContent { get; set; } = "";
    /// <summary>JSON object: the parse (the original's <c>parsed_data</c> keys plus requirements and keywords).</summary>
    public string ParsedData { get; set; } = "{}";
    public double ParsingConfidence { get; set; }
    /// <summary>Parser and taxonomy version the parse was made with; a different version re-parses.</summary>
    public string ParserVersion { get; set; } = "";
    /// <summary>Times the cached parse was reused.</summary>
    public int HitCount { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime LastUsedAt { get; set; } = DateTime.UtcNow;

    public User? User { get; set; }
}
