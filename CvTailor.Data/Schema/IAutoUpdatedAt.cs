namespace CvTailor.Data.Schema;

/// <summary>
/// An entity with Django's <c>auto_now</c> <c>updated_at</c>: <see cref="CvTailorDbContext"/> stamps it on every save
/// of a modified row, as Django's <c>save()</c> did.
/// </summary>
public interface IAutoUpdatedAt
{
    DateTime UpdatedAt { get; set; }
}
