using System.Diagnostics.CodeAnalysis;

namespace CvTailor.Data.Accounts;

/// <summary><c>accounts_user_user_permissions</c>: Django's auto-created join table of <c>User.user_permissions</c>.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named for the Django table it maps.")]
public class UserPermission
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public int PermissionId { get; set; }
}
