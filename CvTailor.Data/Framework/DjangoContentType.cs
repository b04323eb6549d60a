namespace CvTailor.Data.Framework;

/// <summary><c>django_content_type</c>: Django's registry of models, referenced by permissions and the admin log.</summary>
public class DjangoContentType
{
    public int Id { get; set; }
    public string AppLabel { get; set; } = "";
    public string Model { get; set; } = "";
}
