namespace CvTailor.Data.Accounts;

/// <summary><c>account_emailconfirmation</c> (django-allauth).</summary>
public class EmailConfirmation
{
    public int Id { get; set; }
    public DateTime Created { get; set; } = DateTime.UtcNow;
    public DateTime? Sent { get; set; }
    public string Key { get; set; } = "";
    public int EmailAddressId { get; set; }
}
