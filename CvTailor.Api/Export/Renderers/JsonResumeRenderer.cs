using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Maps CV content to JSON Resume (schema v1.2.1): basics (with profiles), work, projects, education, certificates,
/// skills and meta. Dates use the schema's ISO 8601 forms (YYYY-MM or YYYY); empty values are left out rather than
/// written as empty strings, so URL and e-mail formats stay valid. Section switches apply as in the other formats.
/// </summary>
public sealed class JsonResumeRenderer
{
    public const string SchemaUrl = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.2.1/schema.json";

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JsonObject Build(CvContent cv, PersonalInfo person, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(cv);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(options);
        var sections = options.Sections;
        var basics = new JsonObject { ["name"] = person.Name };
        Put(basics, "email", person.Email);
        Put(basics, "phone", person.Phone);
        Put(basics, "url", person.WebsiteUrl);
        if (sections.IncludeProfessionalSummary)
        {
            Put(basics, "summary", cv.ProfessionalSummary);
        }

        if (person.Location.Length > 0)
        {
            basics["location"] = new JsonObject { ["address"] = person.Location };
        }

        var profiles = new JsonArray();
        foreach (var (network, url) in new[] { ("LinkedIn", person.LinkedinUrl), ("GitHub", person.GithubUrl) })
        {
            if (url.Length > 0)
            {
                var profile = new JsonObject { ["network"] = network, ["url"] = url };
                Put(profile, "username", url.TrimEnd('/').Split('/')[^1]);
                profiles.Add(profile);
            }
        }

        basics["profiles"] = profiles;
        var resume = new JsonObject { ["$schema"] = SchemaUrl, ["basics"] = basics };

        if (sections.IncludeExperience)
        {
            resume["work"] = new JsonArray([.. cv.Experience.Select(e =>
            {
                var item = new JsonObject { ["name"] = e.Organization, ["position"] = e.Title };
                AddDates(item, e.Duration);
                if (options.IncludeEvidence && e.EvidenceReferences.Count > 0)
                {
                    item["url"] = e.EvidenceReferences[0];
                }

                item["highlights"] = Strings(e.Achievements);
                return (JsonNode)item;
            })]);
        }

        if (sections.IncludeProjects)
        {
            resume["projects"] = new JsonArray([.. cv.Projects.Select(p =>
            {
                var item = new JsonObject { ["name"] = p.Name };
                Put(item, "description", p.Description);
                item["highlights"] = p.ImpactMetrics.Length > 0 ? Strings([p.ImpactMetrics]) : new JsonArray();
                item["keywords"] = Strings(p.Technologies);
                if (options.IncludeEvidence)
                {
                    Put(item, "url", p.EvidenceUrl);
                }

                return (JsonNode)item;
            })]);
        }

        if (sections.IncludeEducation)
        {
            resume["education"] = new JsonArray([.. cv.Education.Select(e =>
            {
                var item = new JsonObject { ["institution"] = e.Institution, ["studyType"] = e.Degree };
                if (IsYear(e.Year))
                {
                    item["endDate"] = e.Year;
                }

                if (e.Details.Length > 0)
                {
                    item["courses"] = Strings([e.Details]);
                }

                return (JsonNode)item;
            })]);
        }

        if (sections.IncludeCertifications)
        {
            resume["certificates"] = new JsonArray([.. cv.Certifications.Select(c =>
            {
                var item = new JsonObject { ["name"] = c.Name };
                Put(item, "issuer", c.Issuer);
                if (DateText.ParseRange(c.Date).Start is { } d)
                {
                    item["date"] = Iso(d);
                }

                return (JsonNode)item;
            })]);
        }

        if (sections.IncludeSkills)
        {
            resume["skills"] = new JsonArray([.. cv.KeySkills.Select(s => (JsonNode)new JsonObject { ["name"] = s })]);
        }

        var meta = new JsonObject { ["version"] = "v1.2.1" };
        if (options.CreatedAt is { } created)
        {
            meta["lastModified"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }

        resume["meta"] = meta;
        return resume;
    }

    public string Render(CvContent cv, PersonalInfo person, ExportOptions options) =>
        Build(cv, person, options).ToJsonString(Indented);

    static void AddDates(JsonObject item, string duration)
    {
        var (start, end) = DateText.ParseRange(duration);
        if (start is { } s)
        {
            item["startDate"] = Iso(s);
        }

        if (end is { } e && !duration.EndsWith(DateText.Present, StringComparison.Ordinal))
        {
            item["endDate"] = Iso(e);
        }
    }

    static string Iso(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    static bool IsYear(string s) => s.Length == 4 && s.All(char.IsDigit);

    static void Put(JsonObject obj, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            obj[key] = value;
        }
    }

    static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
}
