using System.Text.Json;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Tests.Api.Generation;

/// <summary>A stored parse is used as it is (the worker does not parse the posting again) and ranks exactly like a fresh one.</summary>
public class StoredParseTests
{
    static readonly JobDescriptionParser Parser = new(SkillTaxonomy.Default);

    public static TheoryData<string> Jobs => [.. DevData.Set.Jobs.Select(j => j.Id)];

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task Rehydrated_parse_ranks_and_reports_keywords_like_a_fresh_parse(string jobId)
    {
        var job = DevData.Job(jobId);
        var fresh = Parser.Parse(job.Description, job.Company, job.RoleTitle);
        var stored = JsonSerializer.Deserialize<ParsedJobDescription>(JsonSerializer.Serialize(fresh, GenerationJson.Options), GenerationJson.Options)!;
        var rehydrated = Parser.Rehydrate(stored);

        Assert.Equal(fresh.QueryTerms.OrderBy(kv => kv.Key), rehydrated.QueryTerms.OrderBy(kv => kv.Key));
        Assert.Equal(fresh.Requirements.Select(r => r.SkillIds.Order().ToArray()), rehydrated.Requirements.Select(r => r.SkillIds.Order().ToArray()));
        Assert.Equal(fresh.Keywords.Select(k => k.SkillId), rehydrated.Keywords.Select(k => k.SkillId));

        var ranker = new ArtifactRanker(SkillTaxonomy.Default);
        var artifacts = DevData.Set.ArtifactsOf(job.UserId);
        var asOf = new DateOnly(2025, 1, 1);
        var a = await ranker.MatchAsync(fresh, artifacts, asOf);
        var b = await ranker.MatchAsync(rehydrated, artifacts, asOf);
        Assert.Equal(a.Ranked.Select(r => (r.ArtifactId, r.Score)), b.Ranked.Select(r => (r.ArtifactId, r.Score)));
        Assert.Equal(a.Coverage.Missing, b.Coverage.Missing);
    }

    [Fact]
    public void Rehydrate_uses_the_stored_lines_rather_than_parsing_the_text_again()
    {
        var fresh = Parser.Parse("Requirements:\n- Strong Python.\n- Kafka in production.");
        var edited = fresh with { Requirements = [fresh.Requirements[0] with { Text = "Strong Rust." , Skills = ["Rust"] }] };
        var stored = JsonSerializer.Deserialize<ParsedJobDescription>(JsonSerializer.Serialize(edited, GenerationJson.Options), GenerationJson.Options)!;
        var rehydrated = Parser.Rehydrate(stored);
        Assert.Single(rehydrated.Requirements);
        Assert.True(SkillTaxonomy.Default.TryFind("Rust", out var rust));
        Assert.Equal([rust], rehydrated.Requirements[0].SkillIds);
        Assert.Contains(rehydrated.QueryTerms.Keys, k => k.StartsWith("rust", StringComparison.Ordinal));
    }
}
