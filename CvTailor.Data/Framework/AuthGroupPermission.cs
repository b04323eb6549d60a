using System.Diagnostics.CodeAnalysis;

namespace CvTailor.Data.Framework;

/// <summary><c>auth_group_permissions</c>: Django's auto-created join table of <c>Group.permissions</c>.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named for the Django table it maps.")]
public class AuthGroupPermission
{
    public long Id { get; set; }
    public int GroupId { get; set; }
    public int PermissionId { get; set; }
}
