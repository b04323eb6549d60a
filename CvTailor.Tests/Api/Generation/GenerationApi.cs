using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CvTailor.Data.Llm;
using CvTailor.Data.Schema;
using CvTailor.RankingEvaluation;
using CvTailor.Tests.Infrastructure;
using Pgvector;

namespace CvTailor.Tests.Api.Generation;

/// <summary>Test-side calls for generation and export: seeding a user's career record, starting and awaiting jobs.</summary>
public static class GenerationApi
{
    public const string Generate = "/api/v1/generate/";
    public const string Export = "/api/v1/export/";

    /// <summary>A new user whose profile and artifacts are a dev-set person's, created through the real API.</summary>
    public static async Task<SeededUser> SeedDevUserAsync(this ApiServer server, string devUserId)
    {
        var dev = DevData.Set.Users.Single(u => u.Id == devUserId);
        var (client, session) = await server.CreateUserClientAsync();
        var space = dev.Name.IndexOf(' ', StringComparison.Ordinal);
        using (var profile = await client.PatchAsync("/api/v1/auth/profile/", JsonContent.Create(new
               {
                   first_name = dev.Name[..space],
                   last_name = dev.Name[(space + 1)..],
                   bio = dev.Headline,
                   location = "Lisbon, Portugal",
               })))
        {
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var artifact in DevData.Set.Artifacts.Where(a => a.UserId == devUserId))
        {
            ids[artifact.Id] = await client.CreateArtifactAsync(artifact);
        }
        return new SeededUser(client, session, dev.Name, ids);
    }

    /// <summary>Creates one dev-set artifact through R2 (dev types and partial dates mapped to the API's).</summary>
    public static async Task<int> CreateArtifactAsync(this HttpClient client, DevArtifact artifact)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/artifacts/", artifact.ToApiRequest());
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {json}");
        return json!["id"]!.GetValue<int>();
    }

    /// <summary>The body of a generation request for a dev-set job.</summary>
    public static object JobBody(DevJob job, object? extra = null) => extra ?? new
    {
        job_description = job.Description,
        company_name = job.Company,
        role_title = job.RoleTitle,
    };

    public static async Task<Guid> StartAsync(this HttpClient client, string kind, object body)
    {
        using var response = await client.PostAsJsonAsync($"{Generate}{kind}/", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {json}");
        return Guid.Parse(json!["generation_id"]!.GetValue<string>());
    }

    /// <summary>Polls G3 until the document leaves 'processing'; returns its last body.</summary>
    public static async Task<JsonNode> WaitForGenerationAsync(this HttpClient client, Guid id) =>
        await PollAsync(client, $"{Generate}{id}/");

    public static async Task<JsonNode> GenerateAsync(this HttpClient client, string kind, object body)
    {
        var id = await client.StartAsync(kind, body);
        var done = await client.WaitForGenerationAsync(id);
        Assert.True(done["status"]!.GetValue<string>() == "completed", done.ToJsonString());
        return done;
    }

    public static async Task<Guid> StartExportAsync(this HttpClient client, Guid generationId, object body)
    {
        using var response = await client.PostAsJsonAsync($"{Export}{generationId}/", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {json}");
        return Guid.Parse(json!["export_id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> WaitForExportAsync(this HttpClient client, Guid id) =>
        await PollAsync(client, $"{Export}{id}/status/");

    public static async Task<JsonNode> ExportAsync(this HttpClient client, Guid generationId, object body)
    {
        var id = await client.StartExportAsync(generationId, body);
        var done = await client.WaitForExportAsync(id);
        Assert.True(done["status"]!.GetValue<string>() == "completed", done.ToJsonString());
        return done;
    }

    static async Task<JsonNode> PollAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(url);
            var json = (await response.ReadJsonAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
            if (json["status"]!.GetValue<string>() != "processing")
            {
                return json;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{url} still processing after {clock.Elapsed}");
            await Task.Delay(20);
        }
    }

    /// <summary>A chunk vector as the embeddings worker stores it (at its width, see VectorStorage) for one of the user's artifacts.</summary>
    public static async Task AddChunkAsync(ApiServer server, long userId, int artifactId, string text, float[]? vector = null, string model = "use-lite")
    {
        var native = vector ?? Enumerable.Range(0, 512).Select(i => (float)Math.Sin(i + artifactId)).ToArray();
        var padded = VectorStorage.PadForStorage(native);
        await using var db = server.CreateDbContext();
        var enhanced = new EnhancedArtifact
        {
            Id = Guid.NewGuid(),
            OriginalArtifactId = artifactId,
            Title = "chunked",
            RawContent = text,
            ContentEmbedding = new Vector(padded),
            SummaryEmbedding = new Vector(new float[1536]),
            EmbeddingModel = model,
            EmbeddingDimensions = 512,
            UserId = userId,
            TotalChunks = 1,
        };
        var chunk = new ArtifactChunk
        {
            Id = Guid.NewGuid(),
            ChunkIndex = 0,
            Content = text,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            ModelUsed = model,
        };
        chunk.SetEmbedding(native);
        enhanced.Chunks.Add(chunk);
        db.EnhancedArtifacts.Add(enhanced);
        await db.SaveChangesAsync();
    }

    public static object Artifact(string title, string description, string start, string? end, string[] technologies) => new
    {
        title,
        description,
        artifact_type = "project",
        start_date = start,
        end_date = end,
        technologies,
        evidence_links = new[]
        {
            new { url = $"https://example.com/evidence/{string.Join('-', title.ToLowerInvariant().Split(' '))}", link_type = "github", description = "Source" },
        },
    };

    /// <summary>A loopback port nothing listens on (free when chosen, outside the range client connections use).</summary>
    public static int ClosedPort() => CvTailor.LocalPostgres.LoopbackPorts.Choose();
}

/// <summary>A user seeded from the dev set: its client, session, name and artifact ids (dev id → API id).</summary>
public sealed record SeededUser(HttpClient Client, AuthSession Session, string Name, IReadOnlyDictionary<string, int> ArtifactIds)
{
    public string DevId(int apiId) => ArtifactIds.Single(p => p.Value == apiId).Key;
}
