namespace CvTailor.Data.Framework;

/// <summary><c>django_session</c>: server-side sessions of the original's admin/allauth (carried by the importer only).</summary>
public class DjangoSession
{
    public string SessionKey { get; set; } = "";
    public string SessionData { get; set; } = "";
    public DateTime ExpireDate { get; set; }
}
