using System.Text.Json;
using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Content;

namespace CvTailor.Tests.Api.Generation;

public partial class CvGenerationTests
{
    static readonly DocumentGenerator Generator = new(DevData.Taxonomy);

    static Task<GeneratedCv> GenerateAsync(string jobId, GenerationPreferences? preferences = null)
    {
        var job = DevData.Job(jobId);
        return Generator.GenerateCvAsync(DevData.Request(job, preferences), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId));
    }

    [Theory]
    [MemberData(nameof(DevData.JobIds), MemberType = typeof(DevData))]
    public async Task Content_json_has_exactly_the_contract_shape(string jobId)
    {
        var cv = await GenerateAsync(jobId);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(cv.Content, GenerationJson.Options));
        var root = json.RootElement;
        Assert.Equal(["certifications", "education", "experience", "key_skills", "professional_summary", "projects"], Keys(root));
        Assert.Equal(JsonValueKind.String, root.GetProperty("professional_summary").ValueKind);
        Assert.All(root.GetProperty("key_skills").EnumerateArray(), s => Assert.Equal(JsonValueKind.String, s.ValueKind));
        AssertItems(root, "experience", ["achievements", "duration", "evidence_references", "organization", "technologies_used", "title"]);
        AssertItems(root, "projects", ["description", "evidence_url", "impact_metrics", "name", "technologies"]);
        AssertItems(root, "education", ["degree", "details", "institution", "year"]);
        AssertItems(root, "certifications", ["date", "issuer", "name"]);
        Assert.Empty(CvContentSchema.Validate(root));
        Assert.NotEmpty(root.GetProperty("experience").EnumerateArray());
        Assert.All(root.GetProperty("experience").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("achievements").EnumerateArray()));
    }

    [Fact]
    public void Schema_check_rejects_wrong_shapes()
    {
        using var bad = JsonDocument.Parse("""
            {"professional_summary": 3, "key_skills": ["Go", 1], "experience": [{"title": "x"}], "projects": [],
             "education": [], "certifications": [], "hobbies": []}
            """);
        var errors = CvContentSchema.Validate(bad.RootElement);
        Assert.Contains("$.professional_summary must be a string.", errors);
        Assert.Contains("$.key_skills must be an array of strings.", errors);
        Assert.Contains("$.hobbies is not part of the CV content.", errors);
        Assert.Contains("$.experience[0].organization is missing.", errors);
    }

    [Theory]
    [MemberData(nameof(DevData.JobIds), MemberType = typeof(DevData))]
    public async Task Nothing_is_fabricated_or_borrowed_from_other_users(string jobId)
    {
        var job = DevData.Job(jobId);
        var cv = await GenerateAsync(jobId);
        Assert.True(cv.Metadata.Grounding.IsGrounded, string.Join("; ", cv.Metadata.Grounding.Violations.Select(v => $"{v.Kind}: {v.Value}")));

        // Independent of the checker: every number and every bullet comes from this user's own artifacts.
        var artifacts = DevData.Artifacts(job.UserId);
        var source = string.Join("\n", artifacts.Select(a => $"{a.Title}\n{a.Description}\n{a.StartDate:yyyy} {a.EndDate:yyyy}\n{string.Join(' ', a.EvidenceLinks.Select(l => l.Url))}"))
                     + DevData.Profile(job.UserId).Headline;
        var text = CvText.Flatten(cv.Content);
        foreach (Match m in Number().Matches(text))
        {
            Assert.Contains(m.Value, source, StringComparison.Ordinal);
        }

        foreach (var bullet in cv.Content.Experience.SelectMany(e => e.Achievements))
        {
            Assert.Contains(bullet, source, StringComparison.Ordinal);
        }

        foreach (var organization in cv.Content.Experience.Select(e => e.Organization).Where(o => o.Length > 0))
        {
            Assert.Contains(organization, source, StringComparison.Ordinal);
        }

        foreach (var foreign in DevData.ForeignPhrases(job.UserId))
        {
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Posting_keywords_the_person_has_lead_and_quantified_bullets_come_first()
    {
        var cv = await GenerateAsync("u1-j1");
        Assert.Equal(["Go", "PostgreSQL", "Kafka"], cv.Content.KeySkills.Take(3));
        Assert.DoesNotContain("Java", cv.Content.KeySkills);
        var ledgerline = cv.Content.Experience.Single(e => e.Organization == "Ledgerline");
        Assert.Matches(@"\d", ledgerline.Achievements[0]);
        Assert.Equal("Senior Backend Engineer, Payments Core", ledgerline.Title);
        Assert.Equal("Apr 2019 – May 2022", ledgerline.Duration);
        Assert.Equal("Double-entry ledger rewrite at Ledgerline", cv.Content.Projects[0].Name);
        Assert.Contains("Go", cv.Content.ProfessionalSummary, StringComparison.Ordinal);
        var starts = cv.Content.Experience.Select(e => DateText.ParseRange(e.Duration).Start).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
    }

    [Fact]
    public async Task Metadata_reports_coverage_with_evidence()
    {
        var cv = await GenerateAsync("u1-j1");
        var m = cv.Metadata;
        Assert.Equal(DocumentGenerator.ModelVersion, m.ModelVersion);
        Assert.Equal(5, m.ArtifactsUsed.Count);
        Assert.InRange(m.SkillMatchScore, 7, 10);
        Assert.Contains("Java", m.MissingKeywords);
        Assert.Contains("Java", m.MissingSkills);
        Assert.DoesNotContain("PCI DSS", m.MissingSkills);
        Assert.Equal(m.MatchedKeywords.Count, m.KeywordEvidence.Count);
        Assert.All(m.KeywordEvidence, k => Assert.StartsWith("u1-", k.ArtifactId, StringComparison.Ordinal));
        Assert.True(m.GenerationTimeMs >= 0);
        Assert.Equal(64, m.JobDescriptionHash.Length);
    }

    [Fact]
    public async Task Preferences_shape_the_output()
    {
        var concise = await GenerateAsync("u2-j1", new GenerationPreferences { Length = "concise", IncludeCertifications = false, IncludePublications = false });
        var detailed = await GenerateAsync("u2-j1");
        Assert.Empty(concise.Content.Certifications);
        Assert.NotEmpty(detailed.Content.Certifications);
        Assert.DoesNotContain(concise.Content.Projects, p => p.Name.Contains("Labelling functions", StringComparison.Ordinal));
        Assert.True(concise.Content.Experience.Sum(e => e.Achievements.Count) < detailed.Content.Experience.Sum(e => e.Achievements.Count));
        Assert.True(concise.Content.ProfessionalSummary.Length < detailed.Content.ProfessionalSummary.Length);
    }

    [Fact]
    public async Task Twenty_simultaneous_generations_for_different_users_do_not_cross_talk()
    {
        var jobs = Enumerable.Range(0, 20).Select(i => DevData.Set.Jobs[i % DevData.Set.Jobs.Count]).ToList();
        var results = await Task.WhenAll(jobs.Select(job => Task.Run(() => Generator.GenerateCvAsync(
            DevData.Request(job), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId)))));
        for (var i = 0; i < jobs.Count; i++)
        {
            var text = CvText.Flatten(results[i].Content);
            Assert.All(DevData.ForeignPhrases(jobs[i].UserId), f => Assert.DoesNotContain(f, text, StringComparison.Ordinal));
            Assert.All(results[i].Metadata.ArtifactsUsed, id => Assert.StartsWith(jobs[i].UserId + "-", id, StringComparison.Ordinal));
            var sequential = await GenerateAsync(jobs[i].Id);
            Assert.Equal(JsonSerializer.Serialize(sequential.Content, GenerationJson.Options), JsonSerializer.Serialize(results[i].Content, GenerationJson.Options));
        }
    }

    static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    static void AssertItems(JsonElement root, string array, string[] keys)
    {
        foreach (var item in root.GetProperty(array).EnumerateArray())
        {
            Assert.Equal(keys, Keys(item));
        }
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex Number();
}
