namespace CvTailor.Data.Accounts;

/// <summary><c>accounts_user_groups</c>: Django's auto-created join table of <c>User.groups</c>.</summary>
public class UserGroup
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public int GroupId { get; set; }
}
