using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CvTailor.Api.Export;

/// <summary>
/// The look an export template's <c>template_config</c> gives: font family, accent colour, heading style, header
/// layout, CV section order, and the defaults for <c>page_margins</c>, <c>font_size</c> and <c>color_scheme</c> that
/// E1's <c>options</c> override. <see cref="Default"/> is the look without a template (the renderers' output before
/// templates existed).
/// </summary>
public sealed record TemplateStyle
{
    public static TemplateStyle Default { get; } = new();

    /// <summary>The PDF's embedded family.</summary>
    public TemplateFont Font { get; init; } = TemplateFont.Sans;

    /// <summary>The DOCX font name (Word substitutes it when not installed; nothing is embedded).</summary>
    public string DocxFontFamily { get; init; } = "Calibri";

    /// <summary>Headings and the name when the colour scheme is not monochrome, as RRGGBB.</summary>
    public string AccentColor { get; init; } = "1F4E79";

    public HeadingStyle HeadingStyle { get; init; } = HeadingStyle.Rule;

    public HeaderLayout HeaderLayout { get; init; } = HeaderLayout.Centered;

    public IReadOnlyList<CvSection> SectionOrder { get; init; } = CvSections.Standard;

    /// <summary>Used when E1 gave no <c>page_margins</c>.</summary>
    public PageMargins? PageMargins { get; init; }

    /// <summary>Used when E1 gave no <c>font_size</c>.</summary>
    public int? FontSize { get; init; }

    /// <summary>Used when E1 gave no <c>color_scheme</c>.</summary>
    public ColorScheme? ColorScheme { get; init; }

    /// <summary>
    /// Reads a <c>template_config</c>. Missing or malformed values keep <see cref="Default"/>'s, so an imported
    /// original template (<c>{}</c>) renders as no template does.
    /// </summary>
    public static TemplateStyle FromConfig(string? json)
    {
        JsonObject config;
        try
        {
            config = (json is null ? null : JsonNode.Parse(json) as JsonObject) ?? [];
        }
        catch (JsonException)
        {
            return Default;
        }

        return new TemplateStyle
        {
            Font = Text(config, "font_family") is { } family && family.Contains("serif", StringComparison.OrdinalIgnoreCase)
                   && !family.Contains("sans", StringComparison.OrdinalIgnoreCase)
                ? TemplateFont.Serif
                : TemplateFont.Sans,
            DocxFontFamily = Text(config, "docx_font_family") is { Length: > 0 and <= 64 } docx ? docx : Default.DocxFontFamily,
            AccentColor = Color(Text(config, "accent_color")) ?? Default.AccentColor,
            HeadingStyle = Text(config, "heading_style") switch
            {
                "accent_rule" => HeadingStyle.AccentRule,
                "caps" => HeadingStyle.Caps,
                "band" => HeadingStyle.Band,
                _ => HeadingStyle.Rule,
            },
            HeaderLayout = Text(config, "header_layout") == "left" ? HeaderLayout.Left : HeaderLayout.Centered,
            SectionOrder = CvSections.Order(config["section_order"] as JsonArray),
            PageMargins = Text(config, "page_margins") switch
            {
                "narrow" => Export.PageMargins.Narrow,
                "normal" => Export.PageMargins.Normal,
                "wide" => Export.PageMargins.Wide,
                _ => null,
            },
            FontSize = config["font_size"] is JsonValue v && v.TryGetValue<int>(out var size) && size is >= 10 and <= 14 ? size : null,
            ColorScheme = Text(config, "color_scheme") switch
            {
                "monochrome" => Export.ColorScheme.Monochrome,
                "accent" => Export.ColorScheme.Accent,
                "full_color" => Export.ColorScheme.FullColor,
                _ => null,
            },
        };
    }

    static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>"#RRGGBB" or "RRGGBB" → "RRGGBB" (upper case); anything else → null.</summary>
    static string? Color(string? text)
    {
        var hex = text?.TrimStart('#');
        return hex is { Length: 6 } && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)
            ? hex.ToUpperInvariant()
            : null;
    }
}

public enum TemplateFont
{
    Sans,
    Serif,
}

public enum HeadingStyle
{
    /// <summary>Bold heading over a thin grey rule (PDF); a bold heading (DOCX).</summary>
    Rule,

    /// <summary>Bold heading over a thicker rule in the accent colour.</summary>
    AccentRule,

    /// <summary>Capitalised heading over a thin rule in the accent colour.</summary>
    Caps,

    /// <summary>White heading text on a band of the accent colour.</summary>
    Band,
}

public enum HeaderLayout
{
    Centered,
    Left,
}

/// <summary>The CV's sections, in the keys <c>template_config.section_order</c> uses.</summary>
public enum CvSection
{
    ProfessionalSummary,
    Skills,
    Experience,
    Projects,
    Education,
    Certifications,
}

public static class CvSections
{
    /// <summary>The original's order.</summary>
    public static IReadOnlyList<CvSection> Standard { get; } =
        [CvSection.ProfessionalSummary, CvSection.Skills, CvSection.Experience, CvSection.Projects, CvSection.Education, CvSection.Certifications];

    static readonly Dictionary<string, CvSection> Keys = new(StringComparer.Ordinal)
    {
        ["professional_summary"] = CvSection.ProfessionalSummary,
        ["skills"] = CvSection.Skills,
        ["experience"] = CvSection.Experience,
        ["projects"] = CvSection.Projects,
        ["education"] = CvSection.Education,
        ["certifications"] = CvSection.Certifications,
    };

    /// <summary>The listed sections first, then any the list left out in the standard order (so none is lost).</summary>
    public static IReadOnlyList<CvSection> Order(JsonArray? keys)
    {
        if (keys is null)
        {
            return Standard;
        }

        var order = new List<CvSection>();
        foreach (var key in keys)
        {
            if (key is JsonValue v && v.GetValueKind() == JsonValueKind.String && Keys.TryGetValue(v.GetValue<string>(), out var section)
                && !order.Contains(section))
            {
                order.Add(section);
            }
        }

        order.AddRange(Standard.Where(s => !order.Contains(s)));
        return order.SequenceEqual(Standard) ? Standard : order;
    }
}
