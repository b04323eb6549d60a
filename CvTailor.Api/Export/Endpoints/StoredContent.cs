using System.Globalization;
using System.Text.Json;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// Reads a generated document's <c>content</c> for rendering. Our own content has exactly the contract's shape, but
/// imported documents were written by an LLM without validation (contract §4.7): missing keys become empty values,
/// numbers become text, unexpected values are skipped, so any stored CV can be exported.
/// </summary>
public static class StoredContent
{
    public static bool IsEmpty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.EnumerateObject().Any();
        }
        catch (JsonException)
        {
            return true;
        }
    }

    public static CvContent ReadCv(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new CvContent(
            Text(root, "professional_summary"),
            Strings(root, "key_skills"),
            [.. Objects(root, "experience").Select(e => new CvExperience(
                Text(e, "title"), Text(e, "organization"), Text(e, "duration"), Strings(e, "achievements"),
                Strings(e, "technologies_used"), Strings(e, "evidence_references")))],
            [.. Objects(root, "projects").Select(p => new CvProject(
                Text(p, "name"), Text(p, "description"), Strings(p, "technologies"), Text(p, "evidence_url"), Text(p, "impact_metrics")))],
            [.. Objects(root, "education").Select(e => new CvEducation(Text(e, "degree"), Text(e, "institution"), Text(e, "year"), Text(e, "details")))],
            [.. Objects(root, "certifications").Select(c => new CvCertification(Text(c, "name"), Text(c, "issuer"), Text(c, "date")))]);
    }

    public static CoverLetterContent ReadCoverLetter(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new CoverLetterContent(
            "cover_letter",
            Text(root, "company_name"),
            Text(root, "role_title"),
            Text(root, "salutation"),
            Text(root, "opening"),
            Strings(root, "body_paragraphs"),
            [.. Objects(root, "evidence").Select(e => new CoverLetterEvidence(
                Text(e, "artifact_id"), Text(e, "artifact_title"), Text(e, "url"), Text(e, "link_description"), Text(e, "highlight")))],
            Text(root, "gap_statement"),
            Text(root, "closing"),
            Text(root, "sign_off"),
            Text(root, "signature"),
            Text(root, "full_text"));
    }

    static string Text(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var value) ? Scalar(value) ?? "" : "";

    static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    static List<string> Strings(JsonElement obj, string key)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(key, out var value))
        {
            return [];
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            // Some LLM output held a comma-separated string where a list belonged.
            return [.. value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(Scalar).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)]
            : [];
    }

    static List<JsonElement> Objects(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone()).ToList()
            : [];

    /// <summary>A file name part: letters, digits, '-' and '_' only.</summary>
    public static string FileNamePart(string text)
    {
        var chars = text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')
            .ToArray();
        var joined = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return joined.Length <= 60 ? joined : joined[..60];
    }
}
