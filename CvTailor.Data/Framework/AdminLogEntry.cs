namespace CvTailor.Data.Framework;

/// <summary><c>django_admin_log</c>: the Django admin's change history (carried by the importer only).</summary>
public class AdminLogEntry
{
    public int Id { get; set; }
    public DateTime ActionTime { get; set; } = DateTime.UtcNow;
    public string? ObjectId { get; set; }
    public string ObjectRepr { get; set; } = "";
    /// <summary>1 addition, 2 change, 3 deletion (Django's PositiveSmallIntegerField).</summary>
    public short ActionFlag { get; set; }
    public string ChangeMessage { get; set; } = "";
    public int? ContentTypeId { get; set; }
    public long UserId { get; set; }
}
