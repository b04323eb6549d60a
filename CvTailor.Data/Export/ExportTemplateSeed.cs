namespace CvTailor.Data.Export;

/// <summary>
/// The four built-in templates (ids 1–4) that the original's React client hard-codes: Professional, Modern Tech,
/// Classic, Creative. The original shipped no rows, so a client written for it could not export; the same four are
/// seeded as export templates and as CV templates. <see cref="BuiltInTemplate.Config"/> is the
/// <c>template_config</c> JSON the exporters read (keys documented in docs/generation-api.md).
/// </summary>
public static class ExportTemplateSeed
{
    /// <summary>Fixed, so the seed (and the model snapshot) never changes between builds.</summary>
    public static readonly DateTime SeededAt = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<BuiltInTemplate> All { get; } =
    [
        new(1, "Professional", "modern",
            "Clean single-column layout: sans-serif, navy headings over a thin rule, centred header. Suits most roles.",
            """{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#1F4E79", "heading_style": "rule", "header_layout": "centered", "page_margins": "normal", "font_size": 11, "color_scheme": "accent", "section_order": ["professional_summary", "skills", "experience", "projects", "education", "certifications"]}"""),
        new(2, "Modern Tech", "technical",
            "Compact technical layout: narrow margins, 10 pt text, teal headings, left-aligned header, projects before experience.",
            """{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#0F766E", "heading_style": "accent_rule", "header_layout": "left", "page_margins": "narrow", "font_size": 10, "color_scheme": "full_color", "section_order": ["professional_summary", "skills", "projects", "experience", "education", "certifications"]}"""),
        new(3, "Classic", "classic",
            "Traditional serif layout in black: wide margins, capitalised headings, centred header, education before skills.",
            """{"font_family": "DejaVu Serif", "docx_font_family": "Cambria", "accent_color": "#000000", "heading_style": "caps", "header_layout": "centered", "page_margins": "wide", "font_size": 11, "color_scheme": "monochrome", "section_order": ["professional_summary", "experience", "education", "skills", "projects", "certifications"]}"""),
        new(4, "Creative", "creative",
            "Colourful layout: purple heading bands with white text, left-aligned header, projects and skills up front.",
            """{"font_family": "DejaVu Sans", "docx_font_family": "Calibri", "accent_color": "#7B2D8E", "heading_style": "band", "header_layout": "left", "page_margins": "normal", "font_size": 11, "color_scheme": "full_color", "section_order": ["professional_summary", "projects", "skills", "experience", "certifications", "education"]}"""),
    ];

    public static IReadOnlyList<int> Ids { get; } = [.. All.Select(t => t.Id)];

    public static IEnumerable<ExportTemplate> Rows() => All.Select(t => new ExportTemplate
    {
        Id = t.Id,
        Name = t.Name,
        Category = t.Category,
        Description = t.Description,
        PreviewImageUrl = "",
        TemplateConfig = t.Config,
        CssStyles = "",
        IsPremium = false,
        IsActive = true,
        CreatedAt = SeededAt,
    });
}

/// <summary>One built-in template: the same id, name and look as export template and as CV template.</summary>
public sealed record BuiltInTemplate(int Id, string Name, string Category, string Description, string Config);
