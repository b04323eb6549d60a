namespace CvTailor.Data.Accounts;

/// <summary><c>account_emailaddress</c> (django-allauth); the original app never writes it, the importer carries it.</summary>
public class EmailAddress
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public bool Verified { get; set; }
    public bool Primary { get; set; }
    public long UserId { get; set; }
}
