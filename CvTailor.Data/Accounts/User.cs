using CvTailor.Data.Artifacts;
using CvTailor.Data.Export;
using CvTailor.Data.Generation;
using CvTailor.Data.Schema;

namespace CvTailor.Data.Accounts;

/// <summary><c>accounts_user</c>: Django's AbstractUser plus profile fields; the login identifier is the email.</summary>
public class User : IAutoUpdatedAt
{
    public long Id { get; set; }
    /// <summary>Django password hash (<c>pbkdf2_sha256$…</c>), or <c>!…</c> for an unusable password.</summary>
    public string Password { get; set; } = "";
    public DateTime? LastLogin { get; set; }
    public bool IsSuperuser { get; set; }
    public string Username { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public bool IsStaff { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime DateJoined { get; set; } = DateTime.UtcNow;
    public string Email { get; set; } = "";
    public string? ProfileImage { get; set; }
    public string Phone { get; set; } = "";
    public string LinkedinUrl { get; set; } = "";
    public string GithubUrl { get; set; } = "";
    public string WebsiteUrl { get; set; } = "";
    public string Bio { get; set; } = "";
    public string Location { get; set; } = "";
    public int PreferredCvTemplate { get; set; } = 1;
    public bool EmailNotifications { get; set; } = true;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public ICollection<Artifact> Artifacts { get; } = [];
    public ICollection<GeneratedDocument> GeneratedDocuments { get; } = [];
    public ICollection<ExportJob> ExportJobs { get; } = [];
}
