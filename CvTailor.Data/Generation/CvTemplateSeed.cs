using CvTailor.Data.Export;

namespace CvTailor.Data.Generation;

/// <summary>The built-in CV templates: the export templates' ids, names and configuration (G8 lists them).</summary>
public static class CvTemplateSeed
{
    public static IEnumerable<CvTemplate> Rows() => ExportTemplateSeed.All.Select(t => new CvTemplate
    {
        Id = t.Id,
        Name = t.Name,
        Category = t.Category,
        Description = t.Description,
        PreviewImageUrl = "",
        TemplateConfig = t.Config,
        // Stored for the contract's column; like the original, generation does not read it.
        PromptTemplate = $"Write a {t.Name} CV: tailor it to the job description and cite the evidence.",
        IsPremium = false,
        IsActive = true,
        CreatedAt = ExportTemplateSeed.SeededAt,
    });
}
