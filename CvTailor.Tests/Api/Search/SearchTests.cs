using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using CvTailor.Data.Llm;
using CvTailor.Data.Schema;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;
using Pgvector;

namespace CvTailor.Tests.Api.Search;

/// <summary>
/// <c>POST /api/v1/artifacts/search/</c> against the real Api and Embeddings service (worker off, so the fixture's
/// hand-made vectors stay as written). The fixture places three artifacts around the query's own vector so that
/// cosine, L2 and inner product each rank them differently.
/// </summary>
public sealed class SearchTests : IAsyncLifetime
{
    const string Query = "distributed systems engineer with Kafka experience";

    EmbeddingsServer _embeddings = null!;
    ApiServer _api = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("search-emb");
        _embeddings = await EmbeddingsServer.StartAsync(connection, overrides: new() { ["Embeddings:Worker:Enabled"] = "false" });
        _api = await ApiServer.StartAsync(new() { ["services:embeddings:http:0"] = _embeddings.BaseAddress.ToString().TrimEnd('/') });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _embeddings.DisposeAsync();
    }

    async Task<float[]> QueryVectorAsync()
    {
        using var response = await _embeddings.Client.PostAsJsonAsync("/v1/embeddings", new { input = Query, model = "use-lite" });
        return (await response.ReadJsonAsync())!["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
    }

    /// <summary>A vector at <paramref name="angle"/> from q (in the plane of q and u), scaled to <paramref name="length"/>.</summary>
    static float[] Around(float[] q, float[] u, double angle, double length) =>
        q.Zip(u, (a, b) => (float)(length * (Math.Cos(angle) * a + Math.Sin(angle) * b))).ToArray();

    static float[] Orthogonal(float[] q)
    {
        var random = new Random(7);
        var r = q.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var dot = TensorPrimitives.Dot(r, q);
        var u = r.Zip(q, (a, b) => a - dot * b).ToArray();
        var norm = TensorPrimitives.Norm(u);
        return u.Select(x => x / norm).ToArray();
    }

    Task InsertVectorsAsync(long userId, int artifactId, string model, params (string Content, float[] Vector)[] chunks) =>
        InsertAsync(userId, artifactId, model, legacyPadded: false, chunks);

    /// <summary>Chunks as they were stored before vectors had a column per width: zero-padded in vector(1536).</summary>
    Task InsertLegacyPaddedVectorsAsync(long userId, int artifactId, string model, params (string Content, float[] Vector)[] chunks) =>
        InsertAsync(userId, artifactId, model, legacyPadded: true, chunks);

    async Task InsertAsync(long userId, int artifactId, string model, bool legacyPadded, (string Content, float[] Vector)[] chunks)
    {
        await using var db = _api.CreateDbContext();
        var row = new EnhancedArtifact
        {
            UserId = userId,
            OriginalArtifactId = artifactId,
            Title = "fixture",
            EmbeddingModel = model,
            EmbeddingDimensions = 512,
            ContentEmbedding = new Vector(VectorStorage.PadForStorage(chunks[0].Vector)),
            SummaryEmbedding = new Vector(VectorStorage.PadForStorage(chunks[0].Vector)),
            TotalChunks = chunks.Length,
        };
        db.EnhancedArtifacts.Add(row);
        for (var i = 0; i < chunks.Length; i++)
        {
            var chunk = new ArtifactChunk { ArtifactId = row.Id, ChunkIndex = i, Content = chunks[i].Content, ModelUsed = model, ContentHash = $"{artifactId}-{i}" };
            chunk.SetEmbedding(chunks[i].Vector);
            if (legacyPadded)
            {
                (chunk.EmbeddingVector, chunk.EmbeddingVector512) = (new Vector(VectorStorage.PadForStorage(chunks[i].Vector)), null);
            }
            db.ArtifactChunks.Add(chunk);
        }
        await db.SaveChangesAsync();
    }

    static async Task<JsonNode> SearchAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/artifacts/search/", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        return json!;
    }

    static double Distance(string metric, float[] a, float[] b) => metric switch
    {
        "cosine" => 1 - TensorPrimitives.CosineSimilarity(a, b),
        "l2" => TensorPrimitives.Distance(a, b),
        _ => -TensorPrimitives.Dot(a, b),
    };

    [Fact]
    public async Task Each_metric_returns_its_own_order_and_only_the_callers_artifacts_of_the_model()
    {
        var q = await QueryVectorAsync();
        var u = Orthogonal(q);
        var (client, session) = await _api.CreateUserClientAsync();
        var (_, stranger) = await _api.CreateUserClientAsync();
        var a = await client.CreateAsync(new { title = "Near, unit length", description = "a" });
        var b = await client.CreateAsync(new { title = "Farther, long", description = "b" });
        var c = await client.CreateAsync(new { title = "Same direction, short", description = "c" });
        var otherModel = await client.CreateAsync(new { title = "Other model", description = "d" });
        var strangers = await _api.CreateAuthenticatedClient(stranger.Access).CreateAsync(new { title = "Stranger's", description = "e" });

        var vectors = new Dictionary<int, float[]>
        {
            [a] = Around(q, u, 0.10, 1.0),   // cosine 0.995, |a−q| 0.10, a·q 0.995
            [b] = Around(q, u, 0.50, 3.0),   // cosine 0.878, |b−q| 2.1,  b·q 2.63
            [c] = Around(q, u, 0.00, 0.5),   // cosine 1.000, |c−q| 0.50, c·q 0.50
        };
        await InsertVectorsAsync(session.UserId, a, "use-lite", ("chunk a0", vectors[a]), ("chunk a1", Around(q, u, 1.2, 1.0)));
        // b as stored before vectors had a column per width (zero-padded in vector(1536)): still found, in its place.
        await InsertLegacyPaddedVectorsAsync(session.UserId, b, "use-lite", ("chunk b0", vectors[b]));
        await InsertVectorsAsync(session.UserId, c, "use-lite", ("chunk c0", vectors[c]));
        await InsertVectorsAsync(session.UserId, otherModel, "text-embedding-3-small", ("other model", q));
        await InsertVectorsAsync(stranger.UserId, strangers, "use-lite", ("stranger", q));

        var orders = new Dictionary<string, int[]>();
        foreach (var metric in new[] { "cosine", "l2", "inner_product" })
        {
            var expected = vectors.OrderBy(p => Distance(metric, p.Value, q)).Select(p => p.Key).ToArray();
            var json = await SearchAsync(client, new { query = Query, metric, limit = 10 });
            Assert.Equal("vector", json["mode"]!.GetValue<string>());
            Assert.Equal("use-lite", json["model"]!.GetValue<string>());
            var results = json["results"]!.AsArray();
            var got = results.Select(r => r!["artifact_id"]!.GetValue<int>()).ToArray();
            Assert.Equal(expected, got);
            orders[metric] = got;
            var scores = results.Select(r => r!["score"]!.GetValue<double>()).ToArray();
            Assert.Equal(scores.OrderByDescending(s => s), scores);
            var first = results[0]!;
            Assert.Equal(Distance(metric, vectors[got[0]], q), first["distance"]!.GetValue<double>(), 4);
        }
        Assert.Equal(3, orders.Values.Select(o => string.Join(',', o)).Distinct().Count());

        // Best chunks per artifact, best first, with their text.
        var detail = await SearchAsync(client, new { query = Query, metric = "cosine", limit = 1, chunks_per_artifact = 5 });
        var top = Assert.Single(detail["results"]!.AsArray())!;
        Assert.Equal(c, top["artifact_id"]!.GetValue<int>());
        var withTwo = (await SearchAsync(client, new { query = Query, metric = "l2", limit = 1, chunks_per_artifact = 5 }))["results"]![0]!;
        Assert.Equal(["chunk a0", "chunk a1"], withTwo["chunks"]!.AsArray().Select(x => x!["content"]!.GetValue<string>()));
        Assert.Equal("Near, unit length", withTwo["title"]!.GetValue<string>());

        // Threshold in the metric's unit: cosine similarity ≥ 0.9 leaves a and c.
        var thresholded = await SearchAsync(client, new { query = Query, metric = "cosine", threshold = 0.9 });
        Assert.Equal(new[] { c, a }, thresholded["results"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));

        // The stranger sees only their own artifact, whatever the metric.
        var theirs = await SearchAsync(_api.CreateAuthenticatedClient(stranger.Access), new { query = Query });
        Assert.Equal(new[] { strangers }, theirs["results"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Bad_bodies_name_the_field()
    {
        var (client, _) = await _api.CreateUserClientAsync();
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { }, "query"), (new { query = "  " }, "query"), (new { query = "x", metric = "manhattan" }, "metric"),
                     (new { query = "x", limit = 0 }, "limit"), (new { query = "x", limit = 101 }, "limit"),
                     (new { query = "x", threshold = "high" }, "threshold"), (new { query = new string('x', 2001) }, "query"),
                     (new { query = "x", chunks_per_artifact = 11 }, "chunks_per_artifact"),
                 })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/artifacts/search/", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ReadJsonAsync())!.AsObject().ContainsKey(field), field);
        }
        using var anonymous = await _api.Client.PostAsJsonAsync("/api/v1/artifacts/search/", new { query = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task With_the_flag_off_results_come_from_full_text_search()
    {
        await using var api = await ApiServer.StartAsync(new()
        {
            ["FeatureManagement:VectorSearch"] = "false",
            // Unreachable on purpose: full-text search must not call the Embeddings service.
            ["services:embeddings:http:0"] = "http://127.0.0.1:9",
        });
        var (client, _) = await api.CreateUserClientAsync();
        var (other, _) = await api.CreateUserClientAsync();
        var kafka = await client.CreateAsync(new { title = "Event streaming", description = "Operated Kafka clusters for payments." });
        await client.CreateAsync(new { title = "Gardening", description = "Grew tomatoes." });
        await other.CreateAsync(new { title = "Kafka too", description = "Another user's Kafka work." });

        var json = await SearchAsync(client, new { query = "kafka clusters", metric = "l2" });
        Assert.Equal("full_text", json["mode"]!.GetValue<string>());
        Assert.Contains("VectorSearch", json["fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var hit = Assert.Single(json["results"]!.AsArray())!;
        Assert.Equal(kafka, hit["artifact_id"]!.GetValue<int>());
        Assert.Contains("<b>Kafka</b>", hit["chunks"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_embeddings_service_down_search_falls_back_to_full_text()
    {
        await using var api = await ApiServer.StartAsync(new()
        {
            ["services:embeddings:http:0"] = "http://127.0.0.1:9",
            ["Search:EmbeddingTimeout"] = "00:00:03",
        });
        var (client, _) = await api.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "Search engine", description = "Built an inverted index." });
        var json = await SearchAsync(client, new { query = "inverted index" });
        Assert.Equal("full_text", json["mode"]!.GetValue<string>());
        Assert.Contains("Embeddings service", json["fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(id, json["results"]![0]!["artifact_id"]!.GetValue<int>());
    }
}
