namespace CvTailor.Data.Framework;

/// <summary><c>auth_group</c>: Django's groups (carried for <c>accounts_user_groups</c>; unused by the API).</summary>
public class AuthGroup
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}
