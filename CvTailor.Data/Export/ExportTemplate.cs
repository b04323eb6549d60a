namespace CvTailor.Data.Export;

/// <summary><c>export_exporttemplate</c>: export template catalogue (no seed data in the original; ours seeds ids 1–4, see <see cref="ExportTemplateSeed"/>).</summary>
public class ExportTemplate
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>modern, classic, technical or creative.</summary>
    public string Category { get; set; } = "";
    public string Description { get; set; } = "";
    public string PreviewImageUrl { get; set; } = "";
    public string TemplateConfig { get; set; } = "{}";
    public string CssStyles { get; set; } = "";
    public bool IsPremium { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
