using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CvTailor.Api.Export;
using CvTailor.Tests.Api.Generation;

namespace CvTailor.Tests.Api.Export;

public partial class TextExportTests
{
    static readonly HashSet<string> JsonResumeRootKeys =
    [
        "$schema", "basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills", "languages",
        "interests", "references", "projects", "meta",
    ];

    [Fact]
    public async Task Markdown_has_headings_bullets_and_links()
    {
        var cv = await ExportFixture.CvAsync("u2-j2");
        var md = Encoding.UTF8.GetString(ExportFixture.Export(cv, "u2", ExportFormat.Markdown));
        Assert.StartsWith("# Amara Lindqvist\n", md, StringComparison.Ordinal);
        Assert.Contains("\n## Professional Experience\n", md, StringComparison.Ordinal);
        var bullets = md.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(cv.Experience.Sum(e => e.Achievements.Count), bullets.Count);
        var link = cv.Projects.Select(p => p.EvidenceUrl).First(u => u.Length > 0);
        Assert.Contains($"]({link})", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("u1-j3")]
    [InlineData("u3-j4")]
    public async Task Json_resume_follows_the_schema_structure(string jobId)
    {
        var userId = DevData.Job(jobId).UserId;
        var cv = await ExportFixture.CvAsync(jobId);
        using var json = JsonDocument.Parse(ExportFixture.Export(cv, userId, ExportFormat.JsonResume));
        var root = json.RootElement;
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, JsonResumeRootKeys));
        Assert.Equal(ExportFixture.Person(userId).Name, root.GetProperty("basics").GetProperty("name").GetString());
        Assert.Equal(ExportFixture.Person(userId).Email, root.GetProperty("basics").GetProperty("email").GetString());
        foreach (var profile in root.GetProperty("basics").GetProperty("profiles").EnumerateArray())
        {
            Assert.True(Uri.IsWellFormedUriString(profile.GetProperty("url").GetString(), UriKind.Absolute));
        }

        var work = root.GetProperty("work").EnumerateArray().ToList();
        Assert.Equal(cv.Experience.Count, work.Count);
        foreach (var item in work)
        {
            Assert.Equal(JsonValueKind.String, item.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.String, item.GetProperty("position").ValueKind);
            Assert.Matches(Iso8601(), item.GetProperty("startDate").GetString()!);
            if (item.TryGetProperty("endDate", out var end))
            {
                Assert.Matches(Iso8601(), end.GetString()!);
            }

            Assert.All(item.GetProperty("highlights").EnumerateArray(), h => Assert.Equal(JsonValueKind.String, h.ValueKind));
        }

        foreach (var section in new[] { "projects", "certificates", "education" })
        {
            foreach (var item in root.GetProperty(section).EnumerateArray())
            {
                foreach (var date in new[] { "date", "startDate", "endDate" })
                {
                    if (item.TryGetProperty(date, out var d))
                    {
                        Assert.Matches(Iso8601(), d.GetString()!);
                    }
                }

                if (item.TryGetProperty("url", out var url))
                {
                    Assert.True(Uri.IsWellFormedUriString(url.GetString(), UriKind.Absolute));
                }
            }
        }

        Assert.Equal(cv.KeySkills, root.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("v1.2.1", root.GetProperty("meta").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Json_resume_honours_section_switches()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        var options = new ExportOptions { Sections = new ExportSections { IncludeProjects = false, IncludeSkills = false } };
        using var json = JsonDocument.Parse(ExportFixture.Export(cv, "u1", ExportFormat.JsonResume, options));
        Assert.False(json.RootElement.TryGetProperty("projects", out _));
        Assert.False(json.RootElement.TryGetProperty("skills", out _));
        Assert.True(json.RootElement.TryGetProperty("work", out _));
    }

    /// <summary>The schema's iso8601 pattern.</summary>
    [GeneratedRegex(@"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$")]
    private static partial Regex Iso8601();
}
