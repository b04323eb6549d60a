using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>A validated G1/G2 (and match) request body.</summary>
public sealed record GenerationInput(
    string JobDescription,
    string CompanyName,
    string RoleTitle,
    IReadOnlyList<int> ArtifactIds,
    int TemplateId,
    JsonObject CustomSections,
    JsonObject GenerationPreferences)
{
    public const int MaxJobDescriptionLength = 50_000;

    static readonly string[] Tones = ["professional", "technical", "creative"];
    static readonly string[] Lengths = ["concise", "detailed"];
    static readonly string[] Sections = ["include_publications", "include_certifications", "include_volunteer"];
    static readonly string[] Keys =
        ["job_description", "company_name", "role_title", "label_ids", "artifact_ids", "template_id", "custom_sections", "generation_preferences"];

    /// <summary>The generator's preferences (tone, length, sections) from the stored JSON.</summary>
    public static GenerationPreferences Preferences(JsonObject preferences, JsonObject sections) => new()
    {
        Tone = preferences["tone"]?.GetValueKind() == JsonValueKind.String ? preferences["tone"]!.GetValue<string>() : "professional",
        Length = preferences["length"]?.GetValueKind() == JsonValueKind.String ? preferences["length"]!.GetValue<string>() : "detailed",
        IncludePublications = Flag(sections, "include_publications"),
        IncludeCertifications = Flag(sections, "include_certifications"),
        IncludeVolunteer = Flag(sections, "include_volunteer"),
    };

    /// <summary>
    /// Reads and validates a body the way the original's serializer did (every error at once, DRF messages).
    /// <c>label_ids</c> (what the React client sends: the selected artifact ids) and <c>artifact_ids</c> both restrict
    /// the candidates; ownership of those ids is checked by the caller against the database.
    /// </summary>
    public static GenerationInput? Read(JsonObject body, FieldErrors errors)
    {
        CamelCaseAliases.Apply(body, Keys);
        body.TryReadString("job_description", errors, out var jobDescription, required: true, allowBlank: false, maxLength: MaxJobDescriptionLength);
        body.TryReadString("company_name", errors, out var company, allowBlank: false, maxLength: 255);
        body.TryReadString("role_title", errors, out var role, allowBlank: false, maxLength: 255);
        var ids = new List<int>();
        ReadIds(body, "label_ids", errors, ids);
        ReadIds(body, "artifact_ids", errors, ids);
        var templateId = 1;
        if (body.Has("template_id") && body.TryReadInt("template_id", errors, out var template))
        {
            templateId = template;
        }
        var sections = ReadObject(body, "custom_sections", errors);
        if (sections is not null)
        {
            foreach (var key in sections.Select(p => p.Key).ToList())
            {
                if (!Sections.Contains(key, StringComparer.Ordinal))
                {
                    errors.Add("custom_sections", $"Unknown section: {key}");
                }
                else if (sections.TryReadBool(key, new FieldErrors(), out var flag))
                {
                    sections[key] = flag;
                }
                else
                {
                    errors.Add("custom_sections", $"Section {key} must be a boolean.");
                }
            }
        }
        var preferences = ReadObject(body, "generation_preferences", errors);
        if (preferences is not null)
        {
            CamelCaseAliases.Apply(preferences, ["focus_areas"]);
            CheckChoice(preferences, "tone", "Tone", Tones, errors);
            CheckChoice(preferences, "length", "Length", Lengths, errors);
        }
        if (errors.HasErrors)
        {
            return null;
        }
        return new GenerationInput(jobDescription, company, role, [.. ids.Distinct()], templateId, sections ?? [], preferences ?? []);
    }

    static void ReadIds(JsonObject body, string name, FieldErrors errors, List<int> ids)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return;
        }
        if (node is not JsonArray array)
        {
            errors.Add(name, node is null ? DrfFields.NotNull : DrfFields.ExpectedList(DrfFields.PythonTypeName(node)));
            return;
        }
        var holder = new JsonObject();
        foreach (var item in array)
        {
            holder["v"] = item?.DeepClone();
            var itemErrors = new FieldErrors();
            if (holder.TryReadInt("v", itemErrors, out var id, required: true, min: 1))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add(name, DrfFields.InvalidInteger);
                return;
            }
        }
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

    static void CheckChoice(JsonObject obj, string key, string label, string[] choices, FieldErrors errors)
    {
        if (!obj.TryGetPropertyValue(key, out var node))
        {
            return;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && choices.Contains(v.GetValue<string>(), StringComparer.Ordinal))
        {
            return;
        }
        var listed = string.Join(", ", choices.Select(c => $"'{c}'"));
        errors.Add("generation_preferences", string.Create(CultureInfo.InvariantCulture, $"{label} must be one of: [{listed}]"));
    }

    static bool Flag(JsonObject sections, string key) =>
        !sections.TryGetPropertyValue(key, out var node) || node?.GetValueKind() != JsonValueKind.False;
}
