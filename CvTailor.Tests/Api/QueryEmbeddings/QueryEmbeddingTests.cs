using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.QueryEmbeddings;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.QueryEmbeddings;

/// <summary>
/// The Api's one query-embedding client, as artifact search and semantic matching use it, against a loopback
/// OpenAI-compatible stand-in that counts calls: one cache for both callers, the hosted-provider path (explicit base
/// URL + API key), the model learned from <c>GET /v1/models</c>, and never a comparison across models.
/// </summary>
public sealed class QueryEmbeddingTests
{
    const string Posting = """
        Senior Backend Engineer

        Requirements
        - Go services in production.
        - PostgreSQL schema design and query tuning.
        - Kafka and event-driven systems.
        """;

    const string LedgerText = "Built the payments ledger in Go on PostgreSQL with Kafka.";

    static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    static Task<JsonNode> SearchAsync(HttpClient client, string query) =>
        PostAsync(client, "/api/v1/artifacts/search/", new { query });

    static Task<JsonNode> MatchAsync(HttpClient client) =>
        PostAsync(client, "/api/v1/generate/match/", new { job_description = Posting });

    static int[] Ids(JsonNode search) => [.. search["results"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>())];

    /// <summary>A user with one artifact whose single chunk has the stand-in's vector of <see cref="LedgerText"/> under <paramref name="model"/>.</summary>
    static async Task<(HttpClient Client, long UserId, int ArtifactId)> UserWithVectorsAsync(ApiServer api, string model)
    {
        var (client, session) = await api.CreateUserClientAsync();
        var id = await client.CreateAsync(GenerationApi.Artifact("Payments ledger", LedgerText, "2021-01-01", null, ["Go"]));
        await GenerationApi.AddChunkAsync(api, session.UserId, id, LedgerText, OpenAiEmbeddingsStandIn.VectorFor(LedgerText), model);
        return (client, session.UserId, id);
    }

    [Fact]
    public async Task The_taxonomy_phrases_are_embedded_at_start_up_so_the_first_match_does_not_wait_for_them()
    {
        await using var standIn = await OpenAiEmbeddingsStandIn.StartAsync();
        standIn.Models = ["warmup-test-embed"];
        await using var api = await ApiServer.StartAsync(new() { ["services:embeddings:http:0"] = standIn.BaseAddress.ToString().TrimEnd('/') });
        var phrases = SkillPhraseIndex.Phrases(SkillTaxonomy.Default).Select(p => p.Text).ToHashSet(StringComparer.Ordinal);

        // No request yet: the warm-up sends every name and alias, in batches well under an endpoint's input limit.
        await Eventually.WaitAsync(
            () => Task.FromResult(standIn.EmbeddingCalls.SelectMany(c => c).Count(phrases.Contains)),
            sent => sent == phrases.Count, TimeSpan.FromSeconds(60), "the warm-up to embed the taxonomy's phrases");
        Assert.All(standIn.EmbeddingCalls, c => Assert.True(c.Count <= 64, $"{c.Count} texts in one call"));

        // The first match sends the posting's own texts only.
        var before = standIn.EmbeddingCalls.Count;
        var (client, _, _) = await UserWithVectorsAsync(api, "warmup-test-embed");
        var match = await MatchAsync(client);
        Assert.Equal("used", match["semantic"]!["status"]!.GetValue<string>());
        var sentByMatch = standIn.EmbeddingCalls.Skip(before).SelectMany(c => c).ToList();
        Assert.NotEmpty(sentByMatch);
        Assert.True(sentByMatch.Count < 100, $"{sentByMatch.Count} texts sent by the first match");
    }

    [Fact]
    public async Task Search_and_matching_share_one_cache_keyed_by_text_and_model()
    {
        await using var standIn = await OpenAiEmbeddingsStandIn.StartAsync();
        standIn.Models = ["cache-test-embed"];
        var discovery = new Dictionary<string, string?>
        {
            ["services:embeddings:http:0"] = standIn.BaseAddress.ToString().TrimEnd('/'),
            // Keywords read by meaning embed the taxonomy's phrases too (SkillPhraseIndex): off, so the calls counted
            // here are the posting's lines and the searches alone.
            ["Matching:KeywordSkillThreshold"] = "2",
        };
        // The cache's counter, for this test's model only (other tests run in parallel on the same meter).
        var counted = new Dictionary<string, long>(StringComparer.Ordinal) { ["hit"] = 0, ["miss"] = 0 };
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CvTailor.Api" && instrument.Name == "cvtailor.query_embedding.cache")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? result = null, model = null;
            foreach (var tag in tags)
            {
                result = tag.Key == "cvtailor.cache.result" ? tag.Value as string : result;
                model = tag.Key == "cvtailor.embedding.model" ? tag.Value as string : model;
            }
            if (model == "cache-test-embed")
            {
                lock (counted)
                {
                    counted[result!] += value;
                }
            }
        });
        listener.Start();
        long hits = 0, misses = 0;

        // Match first: the posting's lines go out in one batch; searching any of them afterwards calls nobody.
        IReadOnlyList<string> lines;
        await using (var api = await ApiServer.StartAsync(discovery))
        {
            var (client, _, id) = await UserWithVectorsAsync(api, "cache-test-embed");
            var match = await MatchAsync(client);
            Assert.Equal("used", match["semantic"]!["status"]!.GetValue<string>());
            Assert.Equal("cache-test-embed", match["semantic"]!["model"]!.GetValue<string>());
            lines = Assert.Single(standIn.EmbeddingCalls);
            Assert.True(lines.Count > 1, string.Join(" | ", lines));

            foreach (var line in lines)
            {
                var search = await SearchAsync(client, line);
                Assert.Equal("vector", search["mode"]!.GetValue<string>());
                Assert.Equal("cache-test-embed", search["model"]!.GetValue<string>());
                Assert.Equal([id], Ids(search));
            }
            await MatchAsync(client);
            Assert.Single(standIn.EmbeddingCalls);

            // A new text is one call with just that text, then cached too.
            await SearchAsync(client, "distributed payments ledger");
            await SearchAsync(client, "distributed payments ledger");
            Assert.Equal(2, standIn.EmbeddingCalls.Count);
            Assert.Equal(["distributed payments ledger"], standIn.EmbeddingCalls.Last());
            Assert.Equal(1, standIn.ModelListCalls);
            var cache = api.Services.GetRequiredService<QueryVectorCache>();
            Assert.Equal(lines.Count + 1, cache.Misses);
            // The second match looks up each of its texts again (duplicates included), so at least this many hits.
            Assert.True(cache.Hits >= 2 * lines.Count + 1, $"{cache.Hits} hits for {lines.Count} lines");
            (hits, misses) = (cache.Hits, cache.Misses);
        }

        // Search first (a fresh Api, so a cold cache): the match then only sends the lines search has not embedded.
        standIn.EmbeddingCalls.Clear();
        await using (var api = await ApiServer.StartAsync(discovery))
        {
            var (client, _, _) = await UserWithVectorsAsync(api, "cache-test-embed");
            await SearchAsync(client, lines[0]);
            await MatchAsync(client);
            var calls = standIn.EmbeddingCalls.ToArray();
            Assert.Equal(2, calls.Length);
            Assert.Equal([lines[0]], calls[0]);
            Assert.Equal(lines.Skip(1).Order(StringComparer.Ordinal), calls[1].Order(StringComparer.Ordinal));
            var cache = api.Services.GetRequiredService<QueryVectorCache>();
            (hits, misses) = (hits + cache.Hits, misses + cache.Misses);
        }

        // Every lookup was counted on the CvTailor.Api meter, tagged hit or miss.
        listener.Dispose();
        Assert.Equal(hits, counted["hit"]);
        Assert.Equal(misses, counted["miss"]);
        Assert.True(counted["hit"] > 0 && counted["miss"] > 0);
    }

    [Fact]
    public async Task A_hosted_provider_is_reached_by_base_url_and_api_key_with_the_configured_model()
    {
        await using var standIn = await OpenAiEmbeddingsStandIn.StartAsync(apiKey: "sk-test-8f2c");
        // A hosted provider lists many models; the configured one is used.
        standIn.Models = ["hosted-embed-1", "hosted-embed-large", "hosted-chat"];
        var hosted = new Dictionary<string, string?>
        {
            ["QueryEmbeddings:Endpoint"] = standIn.Endpoint.ToString(),
            ["QueryEmbeddings:ApiKey"] = "sk-test-8f2c",
            ["QueryEmbeddings:Model"] = "hosted-embed-1",
        };
        await using (var api = await ApiServer.StartAsync(hosted))
        {
            var (client, userId, id) = await UserWithVectorsAsync(api, "hosted-embed-1");
            // Same text, same vector, but the local model's rows: never compared with the hosted model's query vector.
            var local = await client.CreateAsync(GenerationApi.Artifact("Ledger (local model)", LedgerText, "2021-01-01", null, ["Go"]));
            await GenerationApi.AddChunkAsync(api, userId, local, LedgerText, OpenAiEmbeddingsStandIn.VectorFor(LedgerText), "use-lite");

            var search = await SearchAsync(client, LedgerText);
            Assert.Equal("vector", search["mode"]!.GetValue<string>());
            Assert.Equal("hosted-embed-1", search["model"]!.GetValue<string>());
            Assert.Equal([id], Ids(search));
            Assert.Equal(1, search["results"]![0]!["score"]!.GetValue<double>(), 4);

            var match = await MatchAsync(client);
            Assert.Equal("used", match["semantic"]!["status"]!.GetValue<string>());
            Assert.Equal("hosted-embed-1", match["semantic"]!["model"]!.GetValue<string>());
            Assert.Equal(1, match["semantic"]!["artifacts_with_vectors"]!.GetValue<int>());

            Assert.Equal(2, standIn.EmbeddingCalls.Count);
            Assert.Equal(0, standIn.ModelListCalls);
            Assert.All(standIn.Authorizations, h => Assert.Equal("Bearer sk-test-8f2c", h));
        }

        // A wrong key: the provider refuses, search answers from full text and matching ranks without semantics.
        standIn.EmbeddingCalls.Clear();
        await using (var api = await ApiServer.StartAsync(new(hosted) { ["QueryEmbeddings:ApiKey"] = "sk-wrong" }))
        {
            var (client, _, id) = await UserWithVectorsAsync(api, "hosted-embed-1");
            var search = await SearchAsync(client, "payments ledger");
            Assert.Equal("full_text", search["mode"]!.GetValue<string>());
            Assert.Contains("could not embed", search["fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal([id], Ids(search));
            Assert.Equal("unavailable", (await MatchAsync(client))["semantic"]!["status"]!.GetValue<string>());
            Assert.Empty(standIn.EmbeddingCalls);
        }

        // No model configured and several listed: the Api does not guess.
        await using (var api = await ApiServer.StartAsync(new(hosted) { ["QueryEmbeddings:Model"] = null }))
        {
            var (client, _, _) = await UserWithVectorsAsync(api, "hosted-embed-1");
            Assert.Equal("full_text", (await SearchAsync(client, "payments ledger"))["mode"]!.GetValue<string>());
            Assert.Empty(standIn.EmbeddingCalls);
        }
    }

    [Fact]
    public async Task When_the_service_switches_models_results_never_mix_vectors_of_two_models()
    {
        await using var standIn = await OpenAiEmbeddingsStandIn.StartAsync();
        standIn.Models = ["model-a"];
        await using var api = await ApiServer.StartAsync(new() { ["services:embeddings:http:0"] = standIn.BaseAddress.ToString().TrimEnd('/') });
        var (client, userId, a) = await UserWithVectorsAsync(api, "model-a");
        var b = await client.CreateAsync(GenerationApi.Artifact("Ledger (model b)", LedgerText, "2021-01-01", null, ["Go"]));
        await GenerationApi.AddChunkAsync(api, userId, b, LedgerText, OpenAiEmbeddingsStandIn.VectorFor(LedgerText), "model-b");

        // The model is learned from GET /v1/models; only that model's rows are searched.
        var first = await SearchAsync(client, LedgerText);
        Assert.Equal("model-a", first["model"]!.GetValue<string>());
        Assert.Equal([a], Ids(first));
        var matchA = await MatchAsync(client);
        Assert.Equal("model-a", matchA["semantic"]!["model"]!.GetValue<string>());
        Assert.Equal(1, matchA["semantic"]!["artifacts_with_vectors"]!.GetValue<int>());

        // The Embeddings service now runs model-b (and refuses model-a): the request that finds out answers from full
        // text, and the next one learns model-b and sees only model-b's rows.
        standIn.Models = ["model-b"];
        var switching = await SearchAsync(client, "ledger written in Go");
        Assert.Equal("full_text", switching["mode"]!.GetValue<string>());
        var second = await SearchAsync(client, LedgerText);
        Assert.Equal("vector", second["mode"]!.GetValue<string>());
        Assert.Equal("model-b", second["model"]!.GetValue<string>());
        Assert.Equal([b], Ids(second));
        var matchB = await MatchAsync(client);
        Assert.Equal("used", matchB["semantic"]!["status"]!.GetValue<string>());
        Assert.Equal("model-b", matchB["semantic"]!["model"]!.GetValue<string>());
        Assert.Equal(2, standIn.ModelListCalls);
    }

    [Fact]
    public void Old_configuration_keys_still_apply_and_new_keys_win()
    {
        static QueryEmbeddingOptions Options(Dictionary<string, string?> settings, out Uri? endpoint)
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddQueryEmbeddings();
            using var app = builder.Build();
            endpoint = app.Services.GetRequiredService<QueryEmbeddingGenerator>().Endpoint;
            return app.Services.GetRequiredService<IOptions<QueryEmbeddingOptions>>().Value;
        }

        var old = Options(new()
        {
            ["Search:EmbeddingModel"] = "text-embedding-3-small",
            ["Search:EmbeddingsAddress"] = "http://10.1.2.3:5090",
            ["Search:EmbeddingTimeout"] = "00:00:04",
            ["Search:QueryCacheEntries"] = "123",
        }, out var endpoint);
        Assert.Equal("text-embedding-3-small", old.Model);
        Assert.Equal(new Uri("http://10.1.2.3:5090/v1"), endpoint);
        Assert.Equal(TimeSpan.FromSeconds(4), old.Timeout);
        Assert.Equal(123, old.CacheEntries);

        var semantic = Options(new()
        {
            ["Generation:Semantic:Model"] = "nomic-embed-text",
            ["Generation:Semantic:Endpoint"] = "http://10.1.2.4:11434/v1",
            ["Generation:Semantic:ApiKey"] = "k",
            ["Search:EmbeddingModel"] = "ignored-when-semantic-names-one",
            ["services:embeddings:http:0"] = "http://10.1.2.5:5090",
        }, out endpoint);
        Assert.Equal("nomic-embed-text", semantic.Model);
        Assert.Equal(new Uri("http://10.1.2.4:11434/v1"), endpoint);
        Assert.Equal("k", semantic.ApiKey);

        var both = Options(new()
        {
            ["Search:EmbeddingModel"] = "old",
            ["QueryEmbeddings:Model"] = "new",
            ["Search:EmbeddingsAddress"] = "http://embeddings",
            ["services:embeddings:http:0"] = "http://10.1.2.5:5090",
        }, out endpoint);
        Assert.Equal("new", both.Model);
        // The old default address named the discovered service: service discovery, not a literal host.
        Assert.Equal(new Uri("http://embeddings/v1"), endpoint);

        Options([], out endpoint);
        Assert.Null(endpoint);
    }
}
