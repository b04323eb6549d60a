using System.Text.Json;
using System.Text.Json.Nodes;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// Turns <c>export_options</c> as stored (ours, or an imported original row, where keys may be missing or odd) into
/// the renderer's <see cref="ExportOptions"/>. Unknown or malformed values fall back to the defaults: the export
/// template's (<paramref name="template"/>) for margins, font size and colour scheme, then the renderer's.
/// </summary>
public static class StoredExportOptions
{
    public static ExportOptions Read(string json, DateTime createdAt, TemplateStyle? template = null)
    {
        var style = template ?? TemplateStyle.Default;
        var root = Parse(json);
        var options = root["options"] as JsonObject ?? [];
        var sections = root["sections"] as JsonObject ?? [];
        var watermark = root["watermark"] as JsonObject;
        var defaults = new ExportOptions();
        return new ExportOptions
        {
            IncludeEvidence = Bool(options, "include_evidence") ?? defaults.IncludeEvidence,
            EvidenceFormat = Text(options, "evidence_format") switch
            {
                "footnotes" => EvidenceFormat.Footnotes,
                "qr_codes" => EvidenceFormat.QrCodes,
                _ => EvidenceFormat.Hyperlinks,
            },
            PageMargins = Text(options, "page_margins") switch
            {
                "narrow" => PageMargins.Narrow,
                "normal" => PageMargins.Normal,
                "wide" => PageMargins.Wide,
                _ => style.PageMargins ?? defaults.PageMargins,
            },
            FontSize = options["font_size"] is JsonValue v && v.TryGetValue<int>(out var size) && size is >= 10 and <= 14
                ? size
                : style.FontSize ?? defaults.FontSize,
            ColorScheme = Text(options, "color_scheme") switch
            {
                "monochrome" => ColorScheme.Monochrome,
                "accent" => ColorScheme.Accent,
                "full_color" => ColorScheme.FullColor,
                _ => style.ColorScheme ?? defaults.ColorScheme,
            },
            Style = style,
            PageSize = Text(options, "page_size") == "a4" ? PageSize.A4 : PageSize.Letter,
            Sections = new ExportSections
            {
                IncludeProfessionalSummary = Bool(sections, "include_professional_summary") ?? true,
                IncludeSkills = Bool(sections, "include_skills") ?? true,
                IncludeExperience = Bool(sections, "include_experience") ?? true,
                IncludeProjects = Bool(sections, "include_projects") ?? true,
                IncludeEducation = Bool(sections, "include_education") ?? true,
                IncludeCertifications = Bool(sections, "include_certifications") ?? true,
            },
            Watermark = watermark is not null && Text(watermark, "text") is { Length: > 0 } text
                ? new Watermark(text, watermark["opacity"] is JsonValue o && o.TryGetValue<double>(out var opacity) ? Math.Clamp(opacity, 0.1, 0.5) : 0.2)
                : null,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)),
        };
    }

    static JsonObject Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    static bool? Bool(JsonObject obj, string key) => obj[key]?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
