namespace CvTailor.Data.Accounts;

/// <summary><c>socialaccount_socialtoken</c> (django-allauth); unused by the original (tokens are not stored), carried by the importer.</summary>
public class SocialToken
{
    public int Id { get; set; }
    public string Token { get; set; } = "";
    public string TokenSecret { get; set; } = "";
    public DateTime? ExpiresAt { get; set; }
    public int AccountId { get; set; }
    public int? AppId { get; set; }
}
