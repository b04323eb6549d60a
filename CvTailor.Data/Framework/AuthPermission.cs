using System.Diagnostics.CodeAnalysis;

namespace CvTailor.Data.Framework;

/// <summary><c>auth_permission</c>: Django's permissions (carried for the M2M join tables; unused by the API).</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Named for the Django table it maps.")]
public class AuthPermission
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int ContentTypeId { get; set; }
    public string Codename { get; set; } = "";
}
