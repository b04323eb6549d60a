using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Content;
using CvTailor.RankingEvaluation;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Generation;

/// <summary>POST /api/v1/generate/match/: ranking, explanations, keyword coverage, the per-user parse cache, semantic status.</summary>
public sealed class MatchEndpointTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Match = "/api/v1/generate/match/";

    ApiServer Server => api.Server;

    const string Posting = """
        Senior Backend Engineer

        Requirements
        - Go services in production.
        - PostgreSQL schema design and query tuning.
        - Kafka and event-driven systems.

        Nice to have
        - Kubernetes.
        """;

    [Fact]
    public async Task Golden_ranking_order_on_a_small_fixture()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var ledger = await client.CreateAsync(GenerationApi.Artifact("Payments ledger in Go",
            "Built the double-entry ledger service in Go on PostgreSQL, publishing every posting to Kafka. Tuned the hottest queries from 900 ms to 40 ms.",
            "2021-01-01", null, ["Go", "PostgreSQL", "Kafka"]));
        var tuning = await client.CreateAsync(GenerationApi.Artifact("Reporting database tuning",
            "Redesigned the reporting schema in PostgreSQL and tuned slow queries with better indexes.", "2016-01-01", "2017-06-01", ["PostgreSQL"]));
        var frontend = await client.CreateAsync(GenerationApi.Artifact("Marketing site",
            "Rebuilt the marketing site in React with a headless CMS.", "2022-01-01", "2022-09-01", ["React", "TypeScript"]));
        var garden = await client.CreateAsync(GenerationApi.Artifact("Community garden",
            "Organised volunteers for a neighbourhood garden.", "2019-03-01", "2019-10-01", []));

        using var response = await client.PostAsJsonAsync(Match, new { job_description = Posting, company_name = "Tallyrock" });
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var order = json["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()).ToList();
        Assert.Equal([ledger, tuning], order.Take(2));
        Assert.Equal(new[] { frontend, garden }.Order(), order.Skip(2).Order());

        var best = json["ranked_artifacts"]![0]!;
        Assert.Equal(1, best["rank"]!.GetValue<int>());
        Assert.InRange(best["relevance_score"]!.GetValue<double>(), 0, 10);
        foreach (var component in new[] { "lexical", "coverage", "skill_coverage", "semantic", "recency", "focus" })
        {
            Assert.InRange(best["components"]![component]!.GetValue<double>(), 0, 1);
        }
        Assert.Contains("Covers", best["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        var covered = best["covered_requirements"]!.AsArray();
        Assert.Contains(covered, c => c!["kind"]!.GetValue<string>() == "must_have" && c["text"]!.GetValue<string>().Contains("Kafka", StringComparison.Ordinal));
        Assert.All(covered, c => Assert.False(string.IsNullOrEmpty(c!["evidence"]!.GetValue<string>())));

        // Keyword coverage: Kubernetes is asked for and nobody evidences it; Kafka is evidenced by the ledger.
        var coverage = json["keyword_coverage"]!;
        Assert.Contains("Kubernetes", coverage["missing"]!.AsArray().Select(m => m!["keyword"]!.GetValue<string>()));
        var kafka = coverage["matched"]!.AsArray().Single(m => m!["keyword"]!.GetValue<string>() == "Kafka")!;
        Assert.Equal(ledger, kafka["artifact_id"]!.GetValue<int>());
        Assert.Contains("Kafka", kafka["sentence"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("https://example.com/evidence/payments-ledger-in-go", kafka["evidence_url"]!.GetValue<string>());
        Assert.Equal("Senior Backend Engineer", json["parsed_job"]!["role_title"]!.GetValue<string>());
        Assert.Equal("not_configured", json["semantic"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_api_ranks_dev_set_artifacts_as_the_core_ranker_does_and_well()
    {
        var user = await Server.SeedDevUserAsync("u1");
        foreach (var job in DevData.Set.Jobs.Where(j => j.UserId == "u1"))
        {
            using var response = await user.Client.PostAsJsonAsync(Match, GenerationApi.JobBody(job));
            var json = (await response.ReadJsonAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
            var apiOrder = json["ranked_artifacts"]!.AsArray().Select(r => user.DevId(r!["artifact_id"]!.GetValue<int>())).ToList();

            // The same people, dates and texts through the core ranker (as of today, as the Api ranks).
            var request = DevData.Request(job) with { AsOf = DateOnly.FromDateTime(DateTime.UtcNow) };
            var core = await new DocumentGenerator(DevData.Taxonomy).MatchAsync(request, DevData.Artifacts("u1"));
            Assert.Equal(core.Ranked.Select(r => r.ArtifactId), apiOrder);

            // And the ranking is good by the set's graded relevance.
            var ndcg = RankingMetrics.NdcgAt5(apiOrder, job.Relevance);
            Assert.True(ndcg >= 0.8, string.Create(CultureInfo.InvariantCulture, $"{job.Id}: nDCG@5 {ndcg:0.000}"));
        }
    }

    [Fact]
    public async Task Parses_are_cached_per_user_and_never_shared()
    {
        var (alice, aliceSession) = await Server.CreateUserClientAsync();
        var (bob, bobSession) = await Server.CreateUserClientAsync();
        var body = new { job_description = Posting, company_name = "Secret Startup", role_title = "Founding Engineer" };

        var first = await MatchAsync(alice, body);
        var again = await MatchAsync(alice, body);
        var bobs = await MatchAsync(bob, new { job_description = Posting });
        Assert.False(first["cached"]!.GetValue<bool>());
        Assert.True(again["cached"]!.GetValue<bool>());
        Assert.False(bobs["cached"]!.GetValue<bool>()); // the same text, but Bob's own parse
        Assert.Equal(first["job_description_hash"]!.GetValue<string>(), bobs["job_description_hash"]!.GetValue<string>());
        Assert.DoesNotContain("Secret Startup", bobs.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Secret Startup", first["parsed_job"]!["company_info"]!["name"]!.GetValue<string>());

        await using var db = Server.CreateDbContext();
        var rows = await db.UserJobDescriptions.Where(j => j.UserId == aliceSession.UserId || j.UserId == bobSession.UserId).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows.Single(r => r.UserId == aliceSession.UserId).HitCount);
        Assert.Equal("", rows.Single(r => r.UserId == bobSession.UserId).CompanyName);
        Assert.False(await db.JobDescriptions.AnyAsync()); // the original's global cache is not written
    }

    [Fact]
    public async Task Selected_ids_restrict_the_ranking_and_foreign_ids_are_rejected()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var (other, _) = await Server.CreateUserClientAsync();
        var a = await client.CreateAsync(GenerationApi.Artifact("Kafka pipeline", "Ran Kafka consumers in Go.", "2022-01-01", null, ["Kafka", "Go"]));
        var b = await client.CreateAsync(GenerationApi.Artifact("SQL reports", "Wrote PostgreSQL reports.", "2020-01-01", "2020-06-01", ["PostgreSQL"]));
        var foreign = await other.CreateAsync(GenerationApi.Artifact("Not yours", "Go and Kafka.", "2022-01-01", null, ["Go"]));

        var json = await MatchAsync(client, new { job_description = Posting, artifact_ids = new[] { b } });
        Assert.Equal([b], json["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
        Assert.Equal(1, json["total_candidates"]!.GetValue<int>());

        using var rejected = await client.PostAsJsonAsync(Match, new { job_description = Posting, label_ids = new[] { a, foreign } });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal($"Artifacts not found: {foreign}.", (await rejected.ReadJsonAsync())!["label_ids"]![0]!.GetValue<string>());

        // Another user's ranking never contains this user's artifacts.
        var theirs = await MatchAsync(other, new { job_description = Posting });
        Assert.Equal([foreign], theirs["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
        using var anonymous = await Server.Client.PostAsJsonAsync(Match, new { job_description = Posting });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_edited_or_deleted_artifact_and_another_users_same_texts_are_never_answered_from_an_earlier_analysis()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var (other, _) = await Server.CreateUserClientAsync();
        var text = $"Built the settlement service in Go on PostgreSQL, publishing every posting to Kafka. Ticket {Guid.NewGuid():N}.";
        var mine = await client.CreateAsync(GenerationApi.Artifact("Settlement service", text, "2021-01-01", null, ["Go", "PostgreSQL"]));
        var spare = await client.CreateAsync(GenerationApi.Artifact("Reporting", "Wrote PostgreSQL reports.", "2019-01-01", "2019-05-01", ["PostgreSQL"]));
        var theirs = await other.CreateAsync(GenerationApi.Artifact("Settlement service", text, "2012-01-01", "2013-01-01", ["Go", "PostgreSQL"]));

        var first = await MatchAsync(client, new { job_description = Posting });
        Assert.Equal(mine, KafkaEvidence(first)!["artifact_id"]!.GetValue<int>());
        Assert.Equal(1, Ranked(first, mine)["components"]!["recency"]!.GetValue<double>());

        // The same texts under another user: the same analysis, but that user's artifact, dates and id.
        var theirMatch = await MatchAsync(other, new { job_description = Posting });
        Assert.Equal([theirs], theirMatch["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
        Assert.Equal(theirs, KafkaEvidence(theirMatch)!["artifact_id"]!.GetValue<int>());
        Assert.InRange(Ranked(theirMatch, theirs)["components"]!["recency"]!.GetValue<double>(), 0, 0.5);

        // An edit is analysed again: Kafka leaves the text, so nothing evidences it any more.
        using (var patched = await client.PatchAsJsonAsync($"/api/v1/artifacts/{mine}/", new { description = "Built the settlement service in Go on PostgreSQL." }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        var edited = await MatchAsync(client, new { job_description = Posting });
        Assert.Null(KafkaEvidence(edited));
        Assert.Contains("Kafka", edited["keyword_coverage"]!["missing"]!.AsArray().Select(m => m!["keyword"]!.GetValue<string>()));
        Assert.DoesNotContain("Kafka", Ranked(edited, mine).ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(theirs, KafkaEvidence(await MatchAsync(other, new { job_description = Posting }))!["artifact_id"]!.GetValue<int>());

        // A deleted artifact is not ranked.
        using (var deleted = await client.DeleteAsync($"/api/v1/artifacts/{mine}/"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var after = await MatchAsync(client, new { job_description = Posting });
        Assert.Equal([spare], after["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
    }

    static JsonNode? KafkaEvidence(JsonNode match) =>
        match["keyword_coverage"]!["matched"]!.AsArray().SingleOrDefault(m => m!["keyword"]!.GetValue<string>() == "Kafka");

    static JsonNode Ranked(JsonNode match, int id) =>
        match["ranked_artifacts"]!.AsArray().Single(r => r!["artifact_id"]!.GetValue<int>() == id)!;

    [Fact]
    public async Task An_unreachable_embeddings_service_ranks_without_semantics_and_says_so()
    {
        var port = GenerationApi.ClosedPort();
        await using var server = await ApiServer.StartAsync(new() { ["services:embeddings:http:0"] = $"http://127.0.0.1:{port}" });
        var (client, session) = await server.CreateUserClientAsync();
        var id = await client.CreateAsync(GenerationApi.Artifact("Payments ledger in Go", "Built the ledger in Go on PostgreSQL with Kafka.", "2021-01-01", null, ["Go"]));
        var second = await client.CreateAsync(GenerationApi.Artifact("Reporting", "PostgreSQL reports.", "2019-01-01", "2019-05-01", ["PostgreSQL"]));

        // Without vectors for the caller, the service is not even asked.
        var before = await MatchAsync(client, new { job_description = Posting });
        Assert.Equal("no_vectors", before["semantic"]!["status"]!.GetValue<string>());

        await GenerationApi.AddChunkAsync(server, session.UserId, id, "Built the ledger in Go on PostgreSQL with Kafka.");
        var after = await MatchAsync(client, new { job_description = Posting });
        Assert.Equal("unavailable", after["semantic"]!["status"]!.GetValue<string>());
        Assert.Equal(1, after["semantic"]!["artifacts_with_vectors"]!.GetValue<int>());
        Assert.Equal(
            before["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()),
            after["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
        Assert.Equal([id, second], after["ranked_artifacts"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));

        // Generation goes on the same way and records it.
        var done = await client.GenerateAsync("cv", new { job_description = Posting });
        Assert.Equal("unavailable", done["metadata"]!["semantic"]!["status"]!.GetValue<string>());
    }

    static async Task<JsonNode> MatchAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(Match, body);
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }
}
