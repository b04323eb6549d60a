using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CvTailor.Tests.Api.Generation;

/// <summary>
/// The semantic component end to end: the real Embeddings service (local USE-Lite model and queue worker) embeds the
/// artifacts the Api writes; the match endpoint embeds the posting's lines through the same service and compares
/// them with the stored chunk vectors.
/// </summary>
public sealed class SemanticMatchTests : IAsyncLifetime
{
    EmbeddingsServer _embeddings = null!;
    ApiServer _api = null!;
    NpgsqlDataSource _data = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("semantic");
        var data = new NpgsqlDataSourceBuilder(connection);
        data.UseVector();
        _data = data.Build();
        _embeddings = await EmbeddingsServer.StartAsync(connection);
        _api = await ApiServer.StartAsync(new()
        {
            ["ConnectionStrings:cvtailor"] = connection,
            ["services:embeddings:http:0"] = _embeddings.BaseAddress.ToString().TrimEnd('/'),
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _embeddings.DisposeAsync();
        await _data.DisposeAsync();
    }

    [Fact]
    public async Task Stored_chunk_vectors_give_the_semantic_component()
    {
        var (client, session) = await _api.CreateUserClientAsync();
        var store = await client.CreateAsync(GenerationApi.Artifact("Storefront scaling",
            "Scaled the online store so it stayed fast through Black Friday traffic spikes. Moved product pages behind a CDN and added autoscaling.",
            "2023-01-01", null, ["Nginx"]));
        var garden = await client.CreateAsync(GenerationApi.Artifact("Community garden",
            "Organised volunteers and planted vegetables for the neighbourhood.", "2022-03-01", "2022-09-01", []));

        await Eventually.WaitAsync(async () =>
        {
            await using var db = new CvTailorDbContext(TestPostgres.DbContextOptions(_data));
            return await db.EnhancedArtifacts.CountAsync(e => e.UserId == session.UserId && e.Chunks.Any(c => c.ModelUsed == "use-lite"));
        }, n => n == 2, TimeSpan.FromSeconds(60), "the worker to embed both artifacts");

        // SREs see the semantic part of a ranking as a span of its own, inside the ranking span.
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CvTailorTelemetry.Generation,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);

        using var response = await client.PostAsJsonAsync("/api/v1/generate/match/", new
        {
            job_description = """
                Site Reliability Engineer

                Requirements
                - Keep a high-traffic e-commerce website responsive during seasonal sales peaks.
                - Serve static pages through a content delivery network.
                """,
        });
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var semantic = json["semantic"]!;
        Assert.Equal("used", semantic["status"]!.GetValue<string>());
        Assert.Equal("use-lite", semantic["model"]!.GetValue<string>());
        Assert.Equal(2, semantic["artifacts_with_vectors"]!.GetValue<int>());
        lock (spans)
        {
            var scoring = spans.Where(a => a.OperationName == TelemetryNames.Spans.SemanticScoring
                                           && a.Parent?.OperationName == TelemetryNames.Spans.Ranking
                                           && a.GetTagItem("cvtailor.chunks") is int chunks && chunks >= 2).ToList();
            Assert.NotEmpty(scoring);
            Assert.All(scoring, a => Assert.True(a.GetTagItem("cvtailor.query_lines") is int lines && lines > 0));
        }

        var ranked = json["ranked_artifacts"]!.AsArray();
        var storeRow = ranked.Single(r => r!["artifact_id"]!.GetValue<int>() == store)!;
        var gardenRow = ranked.Single(r => r!["artifact_id"]!.GetValue<int>() == garden)!;
        Assert.True(storeRow["components"]!["semantic"]!.GetValue<double>() > gardenRow["components"]!["semantic"]!.GetValue<double>(),
            json.ToJsonString());
        Assert.Equal(store, ranked[0]!["artifact_id"]!.GetValue<int>());
        // Evidence quoted for a semantic match is one of the artifact's own sentences.
        foreach (var covered in storeRow["covered_requirements"]!.AsArray().Where(c => c!["via"]!.GetValue<string>() == "semantic"))
        {
            Assert.Contains(covered!["evidence"]!.GetValue<string>(),
                new[] { "Storefront scaling", "Scaled the online store so it stayed fast through Black Friday traffic spikes.", "Moved product pages behind a CDN and added autoscaling." });
        }
    }

    [Fact]
    public async Task A_posting_keyword_in_words_no_alias_knows_is_found_through_the_skill_it_names()
    {
        var (client, session) = await _api.CreateUserClientAsync();
        var orders = await client.CreateAsync(GenerationApi.Artifact("Order events platform",
            "Moved order events onto RabbitMQ with dead-letter queues, so a slow consumer no longer blocked checkout.",
            "2023-01-01", null, ["RabbitMQ"]));
        await client.CreateAsync(GenerationApi.Artifact("Community garden",
            "Organised volunteers and planted vegetables for the neighbourhood.", "2022-03-01", "2022-09-01", []));
        await Eventually.WaitAsync(async () =>
        {
            await using var db = new CvTailorDbContext(TestPostgres.DbContextOptions(_data));
            return await db.EnhancedArtifacts.CountAsync(e => e.UserId == session.UserId && e.Chunks.Any(c => c.ModelUsed == "use-lite"));
        }, n => n == 2, TimeSpan.FromSeconds(60), "the worker to embed both artifacts");

        // "queueing backbones" is no alias of any skill; in meaning it is asynchronous messaging, which RabbitMQ implies.
        using var response = await client.PostAsJsonAsync("/api/v1/generate/match/", new
        {
            job_description = "Backend Engineer\n\nRequirements\n- Experience with queueing backbones and the services around them.\n- Comfort with Python.",
        });
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var coverage = json["keyword_coverage"]!;
        var matched = coverage["matched"]!.AsArray().Single(m => m!["keyword"]!.GetValue<string>() == "queueing backbones")!;
        Assert.Equal("skill_by_meaning", matched["via"]!.GetValue<string>());
        Assert.Equal(orders, matched["artifact_id"]!.GetValue<int>());
        Assert.Contains("RabbitMQ", matched["sentence"]!.GetValue<string>(), StringComparison.Ordinal);
        // Python is asked for by name and nobody shows it: still a gap.
        Assert.Contains(coverage["missing"]!.AsArray(), m => m!["keyword"]!.GetValue<string>() == "Python");
    }
}
