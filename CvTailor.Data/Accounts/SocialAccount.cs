namespace CvTailor.Data.Accounts;

/// <summary><c>socialaccount_socialaccount</c> (django-allauth): a user's Google identity (<c>uid</c> = Google <c>sub</c>).</summary>
public class SocialAccount
{
    public int Id { get; set; }
    public string Provider { get; set; } = "";
    public string Uid { get; set; } = "";
    public DateTime LastLogin { get; set; } = DateTime.UtcNow;
    public DateTime DateJoined { get; set; } = DateTime.UtcNow;
    /// <summary>The verified ID-token payload, as JSON.</summary>
    public string ExtraData { get; set; } = "{}";
    public long UserId { get; set; }
}
