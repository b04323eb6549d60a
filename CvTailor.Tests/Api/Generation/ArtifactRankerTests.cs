using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.RankingEvaluation;

namespace CvTailor.Tests.Api.Generation;

public class ArtifactRankerTests
{
    static readonly string[] Selected = ["u1-a01", "u1-a11", "u1-a16"];
    static readonly string[] TieIds = ["b", "a", "c"];

    static async Task<MatchResult> MatchAsync(string jobId, IReadOnlyCollection<string>? ids = null, ISemanticScorer? semantic = null)
    {
        var job = DevData.Job(jobId);
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse(job.Description, job.Company, job.RoleTitle);
        return await new ArtifactRanker(DevData.Taxonomy, semantic: semantic)
            .MatchAsync(parsed, DevData.Artifacts(job.UserId), RelevanceDevSet.DefaultAsOf, ids, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(DevData.JobIds), MemberType = typeof(DevData))]
    public async Task Top_ranked_artifact_is_clearly_relevant_and_irrelevant_ones_trail(string jobId)
    {
        var job = DevData.Job(jobId);
        var match = await MatchAsync(jobId);
        Assert.Equal(job.Relevance.Count, match.Ranked.Count);
        Assert.True(job.Relevance[match.Ranked[0].ArtifactId] >= 2, $"{jobId}: top is {match.Ranked[0].ArtifactId}");
        var gradeZero = match.Ranked.Where(r => job.Relevance[r.ArtifactId] == 0).Select(r => r.Rank).DefaultIfEmpty(int.MaxValue).Min();
        Assert.True(gradeZero > 2, $"{jobId}: an irrelevant artifact ranks {gradeZero}");
    }

    [Fact]
    public async Task Every_score_is_explained_by_bounded_components()
    {
        var match = await MatchAsync("u1-j2");
        Assert.Equal(Enumerable.Range(1, match.Ranked.Count), match.Ranked.Select(r => r.Rank));
        Assert.True(match.Ranked.Zip(match.Ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        foreach (var r in match.Ranked)
        {
            var c = r.Components;
            foreach (var v in new[] { c.Lexical, c.Coverage, c.SkillCoverage, c.Recency, c.Focus })
            {
                Assert.InRange(v, 0, 1);
            }

            Assert.False(string.IsNullOrWhiteSpace(r.Explanation));
        }

        var platform = match.Ranked.Single(r => r.ArtifactId == "u1-a07");
        Assert.Contains("Kubernetes", platform.MatchedSkills);
        Assert.Contains(platform.CoveredRequirements, c => c.Via == "skill" && c.Skills.Contains("Terraform") && c.Evidence.Contains("Terraform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Selected_ids_restrict_the_candidates()
    {
        var match = await MatchAsync("u1-j1", Selected);
        Assert.Equal(Selected, match.Ranked.Select(r => r.ArtifactId).Order());
        Assert.All(match.Coverage.Matched, k => Assert.Contains(k.ArtifactId, Selected));
    }

    [Fact]
    public async Task Keyword_report_gives_evidence_for_matches_and_lists_gaps()
    {
        var match = await MatchAsync("u1-j1");
        var java = Assert.Single(match.Coverage.Missing, m => m.Keyword == "Java");
        Assert.Equal("must_have", java.Importance);
        Assert.Contains(match.Coverage.Missing, m => m.Keyword == "PCI DSS");
        var kafka = Assert.Single(match.Coverage.Matched, k => k.Keyword == "Kafka");
        Assert.Contains("Kafka", kafka.Sentence, StringComparison.Ordinal);
        Assert.StartsWith("u1-", kafka.ArtifactId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_result_serialises_for_the_match_endpoint()
    {
        var match = await MatchAsync("u3-j2");
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(match, CvTailor.Api.Generation.Content.GenerationJson.Options));
        var first = json.RootElement.GetProperty("ranked")[0];
        Assert.Equal(match.Ranked[0].ArtifactId, first.GetProperty("artifact_id").GetString());
        Assert.True(first.GetProperty("components").TryGetProperty("coverage", out _));
        Assert.Equal("must_have", json.RootElement.GetProperty("job").GetProperty("keywords")[0].GetProperty("importance").GetString());
        Assert.False(first.TryGetProperty("profile", out _));
        Assert.True(json.RootElement.GetProperty("coverage").GetProperty("matched").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Ties_are_broken_by_artifact_id()
    {
        var artifacts = TieIds.Select(id => new CvTailor.Api.Generation.Model.ArtifactDocument { Id = id, Title = "Same title", Description = "Same text." }).ToList();
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse("Requirements:\n- Unrelated words only.");
        var match = await new ArtifactRanker(DevData.Taxonomy).MatchAsync(parsed, artifacts, new DateOnly(2025, 1, 1));
        Assert.Equal(["a", "b", "c"], match.Ranked.Select(r => r.ArtifactId));
    }

    [Fact]
    public async Task A_certification_of_nothing_the_posting_names_counts_less_than_one_it_asks_for()
    {
        var certificate = new CvTailor.Api.Generation.Model.ArtifactDocument
        {
            Id = "cert", Title = "Certified Scrum Product Owner", ArtifactType = "certification", StartDate = new DateOnly(2023, 1, 1),
            Technologies = ["Scrum"], Description = "Backlog management, writing user stories and release planning with stakeholders.",
        };
        var work = new CvTailor.Api.Generation.Model.ArtifactDocument
        {
            Id = "work", Title = "Checkout redesign", StartDate = new DateOnly(2023, 1, 1), EndDate = new DateOnly(2024, 1, 1),
            Description = "Ran backlog refinement and wrote user stories for a team of six, releasing every two weeks.",
        };
        var parser = new JobDescriptionParser(DevData.Taxonomy);
        var agile = parser.Parse("Requirements:\n- Own the product backlog and write clear user stories.\n- Confidence with agile ways of working.");
        var scrum = parser.Parse("Requirements:\n- Own the product backlog and write clear user stories.\n- Experience with Scrum.");
        var asOf = new DateOnly(2025, 1, 1);
        async Task<RankedArtifact> CertificateAsync(ParsedJobDescription job, RankingOptions? options = null) =>
            (await new ArtifactRanker(DevData.Taxonomy, options).MatchAsync(job, [certificate, work], asOf)).Ranked.Single(r => r.ArtifactId == "cert");
        var off = new RankingOptions { UnaskedCertificationFactor = 1 };

        // Agile is asked for, Scrum is not (Scrum implies Agile, not the other way round): the certificate counts less.
        var unasked = await CertificateAsync(agile);
        Assert.Equal(0.8 * (await CertificateAsync(agile, off)).Score, unasked.Score, 3);
        Assert.Contains("certification of nothing the posting names", unasked.Explanation, StringComparison.Ordinal);

        // Where the posting names what it certifies, it counts in full.
        var asked = await CertificateAsync(scrum);
        Assert.Equal((await CertificateAsync(scrum, off)).Score, asked.Score, 3);
        Assert.DoesNotContain("certification of nothing", asked.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_parent_job_share_a_project_done_during_a_job_inherits_part_of_its_score()
    {
        CvTailor.Api.Generation.Model.ArtifactDocument Item(string id, string type, int from, int? to, string text) => new()
        {
            Id = id, Title = text, ArtifactType = type, Description = text + ".",
            StartDate = new DateOnly(from, 1, 1), EndDate = to is { } y ? new DateOnly(y, 1, 1) : null,
        };
        List<CvTailor.Api.Generation.Model.ArtifactDocument> artifacts =
        [
            Item("job", "job", 2018, 2023, "Product manager at a regulated retail bank running customer interviews"),
            Item("inside", "project", 2020, 2021, "Account opening redesign"),
            Item("before", "project", 2015, 2016, "Account opening redesign"),
        ];
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse("Requirements:\n- Product manager experience in a regulated bank.\n- Run customer interviews.");
        var asOf = new DateOnly(2025, 1, 1);
        async Task<IReadOnlyList<RankedArtifact>> RankAsync(double share) =>
            (await new ArtifactRanker(DevData.Taxonomy, new RankingOptions { ParentJobShare = share }).MatchAsync(parsed, artifacts, asOf)).Ranked;
        double Score(IReadOnlyList<RankedArtifact> ranked, string id) => ranked.Single(r => r.ArtifactId == id).Score;

        var off = await RankAsync(0);
        var on = await RankAsync(0.1);
        Assert.Equal(Score(off, "inside") + (0.1 * Score(off, "job")), Score(on, "inside"), 3);
        Assert.Equal(Score(off, "before"), Score(on, "before"), 3);
        Assert.Equal(Score(off, "job"), Score(on, "job"), 3);
        Assert.All(on, r => Assert.InRange(r.RelevanceScore, 0, 10));
    }

    [Fact]
    public async Task An_artifact_showing_a_related_skill_ranks_above_one_without_it_but_does_not_cover_the_keyword()
    {
        CvTailor.Api.Generation.Model.ArtifactDocument Item(string id, string title, string description) => new()
        {
            Id = id, Title = title, Description = description, StartDate = new DateOnly(2022, 1, 1), EndDate = new DateOnly(2024, 1, 1),
        };
        // Both artifacts share the posting's everyday words equally; only one shows a neighbour of the skill asked for.
        List<CvTailor.Api.Generation.Model.ArtifactDocument> artifacts =
        [
            Item("a", "Order service", "Built the order service and its reports for the warehouse team."),
            Item("b", "Order service", "Built the order service on RabbitMQ and its reports for the warehouse team."),
        ];
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse("Requirements:\n- Hands-on Kafka experience for the order service.");
        var asOf = new DateOnly(2025, 1, 1);
        async Task<MatchResult> RankAsync(double credit) =>
            await new ArtifactRanker(DevData.Taxonomy, new RankingOptions { RelatedSkillCredit = credit }).MatchAsync(parsed, artifacts, asOf);

        Assert.Contains(DevData.Taxonomy.Related(DevData.Taxonomy.ResolvePhrase("Kafka")!.Value), s => DevData.Taxonomy.NameOf(s) == "RabbitMQ");
        var on = await RankAsync(0.6);
        Assert.Equal("b", on.Ranked[0].ArtifactId);
        Assert.True(on.Ranked[0].Components.SkillCoverage > 0);
        var covered = Assert.Single(on.Ranked[0].CoveredRequirements);
        Assert.Equal("related", covered.Via);
        Assert.Equal(["RabbitMQ"], covered.Skills);
        Assert.Contains("RabbitMQ", covered.Evidence, StringComparison.Ordinal);
        Assert.Contains("adjacent experience in RabbitMQ", on.Ranked[0].Explanation, StringComparison.Ordinal);
        // A neighbour is adjacent experience, not evidence: the keyword stays missing.
        Assert.Contains(on.Coverage.Missing, m => m.Keyword == "Kafka");

        var off = await RankAsync(0);
        Assert.Equal(0, off.Ranked.Single(r => r.ArtifactId == "b").Components.SkillCoverage);
    }
}
