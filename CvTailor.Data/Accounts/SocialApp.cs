namespace CvTailor.Data.Accounts;

/// <summary><c>socialaccount_socialapp</c> (django-allauth): the configured OAuth client (the original creates one Google row).</summary>
public class SocialApp
{
    public int Id { get; set; }
    public string Provider { get; set; } = "";
    public string Name { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Secret { get; set; } = "";
    public string Key { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Settings { get; set; } = "{}";
}
