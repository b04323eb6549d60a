using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// A validated E1 body: <c>format</c>, <c>template_id</c>, <c>options</c>, <c>sections</c>, <c>watermark</c>, with the
/// original serializer's messages. <see cref="StoredOptions"/> is what <c>export_exportjob.export_options</c> keeps
/// (<c>{"options", "sections", "watermark"}</c>), and every part of it is honoured when rendering.
/// </summary>
public sealed record ExportInput(string Format, int? TemplateId, JsonObject StoredOptions)
{
    static readonly string[] TopKeys = ["format", "template_id", "options", "sections", "watermark"];
    static readonly string[] OptionKeys = ["include_evidence", "evidence_format", "page_margins", "font_size", "color_scheme", "page_size"];
    static readonly string[] SectionKeys =
    [
        "include_professional_summary", "include_skills", "include_experience", "include_projects", "include_education",
        "include_certifications",
    ];
    static readonly string[] EvidenceFormats = ["hyperlinks", "footnotes", "qr_codes"];
    static readonly string[] Margins = ["narrow", "normal", "wide"];
    static readonly string[] Colors = ["monochrome", "accent", "full_color"];
    static readonly string[] PageSizes = ["letter", "a4"];

    public static ExportInput? Read(JsonObject body, FieldErrors errors)
    {
        CamelCaseAliases.Apply(body, TopKeys);
        body.TryReadChoice("format", errors, ExportFormatNames.All, out var format, required: true);
        int? templateId = null;
        if (body.TryGetPropertyValue("template_id", out var templateNode) && templateNode is not null
            && body.TryReadInt("template_id", errors, out var template))
        {
            templateId = template;
        }

        var options = ReadObject(body, "options", errors) ?? [];
        CamelCaseAliases.Apply(options, OptionKeys);
        foreach (var key in options.Select(p => p.Key).ToList())
        {
            switch (key)
            {
                case "include_evidence":
                    Bool(options, key, "options", errors);
                    break;
                case "evidence_format":
                    Choice(options, key, "Evidence format", EvidenceFormats, errors);
                    break;
                case "page_margins":
                    Choice(options, key, "Page margins", Margins, errors);
                    break;
                case "color_scheme":
                    Choice(options, key, "Color scheme", Colors, errors);
                    break;
                case "page_size":
                    Choice(options, key, "Page size", PageSizes, errors);
                    break;
                case "font_size":
                    if (options.TryReadInt(key, new FieldErrors(), out var size) && size is >= 10 and <= 14)
                    {
                        options[key] = size;
                    }
                    else
                    {
                        errors.Add("options", "Font size must be between 10 and 14");
                    }
                    break;
                default:
                    errors.Add("options", $"Unknown option: {key}");
                    break;
            }
        }

        var sections = ReadObject(body, "sections", errors) ?? [];
        CamelCaseAliases.Apply(sections, SectionKeys);
        foreach (var key in sections.Select(p => p.Key).ToList())
        {
            if (SectionKeys.Contains(key, StringComparer.Ordinal))
            {
                Bool(sections, key, "sections", errors);
            }
            else
            {
                errors.Add("sections", $"Unknown section: {key}");
            }
        }

        JsonObject? watermark = null;
        if (body.TryGetPropertyValue("watermark", out var watermarkNode) && watermarkNode is not null)
        {
            watermark = ReadObject(body, "watermark", errors);
            if (watermark is not null)
            {
                if (!watermark.TryReadString("text", new FieldErrors(), out var text, required: true, allowBlank: false, maxLength: 100))
                {
                    errors.Add("watermark", "Watermark must include 'text' field");
                }
                else
                {
                    watermark["text"] = text;
                }
                if (watermark.TryGetPropertyValue("opacity", out var opacityNode))
                {
                    if (opacityNode is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var opacity)
                        && opacity is >= 0.1 and <= 0.5)
                    {
                        watermark["opacity"] = opacity;
                    }
                    else
                    {
                        errors.Add("watermark", "Watermark opacity must be between 0.1 and 0.5");
                    }
                }
                foreach (var key in watermark.Select(p => p.Key).Where(k => k is not ("text" or "opacity")).ToList())
                {
                    errors.Add("watermark", $"Unknown watermark field: {key}");
                }
            }
        }

        if (errors.HasErrors)
        {
            return null;
        }
        return new ExportInput(format, templateId, new JsonObject
        {
            ["options"] = options,
            ["sections"] = sections,
            ["watermark"] = watermark,
        });
    }

    static void Bool(JsonObject obj, string key, string field, FieldErrors errors)
    {
        if (obj.TryReadBool(key, new FieldErrors(), out var flag))
        {
            obj[key] = flag;
        }
        else
        {
            errors.Add(field, $"{key} must be a boolean");
        }
    }

    static void Choice(JsonObject obj, string key, string label, string[] choices, FieldErrors errors)
    {
        if (obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && choices.Contains(v.GetValue<string>(), StringComparer.Ordinal))
        {
            return;
        }
        errors.Add("options", string.Create(CultureInfo.InvariantCulture, $"{label} must be one of: {string.Join(", ", choices)}"));
    }

    static JsonObject? ReadObject(JsonObject body, string name, FieldErrors errors)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return null;
        }
        if (node is JsonObject obj)
        {
            return (JsonObject)obj.DeepClone();
        }
        errors.Add(name, node is null ? DrfFields.NotNull : DrfFields.ExpectedDictionary(DrfFields.PythonTypeName(node)));
        return null;
    }
}
