using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Data.Llm;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Pgvector;

namespace CvTailor.Tests.Api.Llm;

/// <summary>
/// L9–L12 follow the LLM viewsets' ownership rule (contract §2.2): a non-staff caller sees only their own rows, a
/// staff caller sees everyone's, each with its owner's <c>user_email</c>. Own server: staff see the whole table.
/// </summary>
public sealed class EmbeddingReadStaffTests : IAsyncLifetime
{
    ApiServer _api = null!;

    public async Task InitializeAsync() => _api = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    async Task<Guid> InsertJobEmbeddingAsync(long userId, string company, int accessCount)
    {
        await using var db = _api.CreateDbContext();
        var row = new JobDescriptionEmbedding
        {
            UserId = userId,
            JobDescriptionHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            CompanyName = company,
            RoleTitle = "Engineer",
            EmbeddingVector = new Vector(new float[1536]),
            ModelUsed = "use-lite",
            Dimensions = 512,
            AccessCount = accessCount,
        };
        db.JobEmbeddings.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    async Task<Guid> InsertEnhancedArtifactAsync(HttpClient client, long userId, string text)
    {
        var artifactId = await client.CreateAsync(new { title = text, description = text });
        await GenerationApi.AddChunkAsync(_api, userId, artifactId, text);
        await using var db = _api.CreateDbContext();
        return await db.EnhancedArtifacts.Where(e => e.OriginalArtifactId == artifactId).Select(e => e.Id).SingleAsync();
    }

    static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {json.ToJsonString()}");
        return json;
    }

    static HashSet<string> Emails(JsonNode page) => [.. page["results"]!.AsArray().Select(r => r!["user_email"]!.GetValue<string>())];

    [Fact]
    public async Task Staff_see_every_users_rows_and_others_only_their_own()
    {
        var (alice, aliceSession) = await _api.CreateUserClientAsync();
        var (bob, bobSession) = await _api.CreateUserClientAsync();
        var (staff, staffSession) = await _api.CreateUserClientAsync();
        await using (var db = _api.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == staffSession.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, true));
        }

        var aliceJob = await InsertJobEmbeddingAsync(aliceSession.UserId, "Acme", 3);
        var bobJob = await InsertJobEmbeddingAsync(bobSession.UserId, "Globex", 5);
        var aliceDoc = await InsertEnhancedArtifactAsync(alice, aliceSession.UserId, "Alice's ledger");
        var bobDoc = await InsertEnhancedArtifactAsync(bob, bobSession.UserId, "Bob's compiler");

        // Non-staff: own rows only; another user's row is 404 on every detail route.
        var aliceJobs = await GetAsync(alice, "/api/v1/llm/job-embeddings/");
        Assert.Equal(1, aliceJobs["count"]!.GetValue<int>());
        Assert.Equal([aliceSession.Email], Emails(aliceJobs));
        var aliceStats = await GetAsync(alice, "/api/v1/llm/job-embeddings/cache_stats/");
        Assert.Equal(1, aliceStats["total_embeddings"]!.GetValue<int>());
        Assert.Equal(3, aliceStats["total_access_count"]!.GetValue<int>());
        var aliceDocs = await GetAsync(alice, "/api/v1/llm/enhanced-artifacts/");
        Assert.Equal(1, aliceDocs["count"]!.GetValue<int>());
        Assert.Equal(aliceDoc.ToString(), aliceDocs["results"]![0]!["id"]!.GetValue<string>());
        foreach (var path in new[]
                 {
                     $"/api/v1/llm/job-embeddings/{bobJob}/", $"/api/v1/llm/enhanced-artifacts/{bobDoc}/",
                     $"/api/v1/llm/enhanced-artifacts/{bobDoc}/chunks/",
                 })
        {
            using var response = await alice.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Single((await GetAsync(alice, $"/api/v1/llm/enhanced-artifacts/{aliceDoc}/chunks/")).AsArray());

        // Staff: everyone's rows, each with its owner's email, and every detail route.
        var staffJobs = await GetAsync(staff, "/api/v1/llm/job-embeddings/");
        Assert.Equal(2, staffJobs["count"]!.GetValue<int>());
        Assert.Equal([aliceSession.Email, bobSession.Email], Emails(staffJobs));
        var staffStats = await GetAsync(staff, "/api/v1/llm/job-embeddings/cache_stats/");
        Assert.Equal(2, staffStats["total_embeddings"]!.GetValue<int>());
        Assert.Equal(2, staffStats["unique_companies"]!.GetValue<int>());
        Assert.Equal(8, staffStats["total_access_count"]!.GetValue<int>());
        var staffDocs = await GetAsync(staff, "/api/v1/llm/enhanced-artifacts/");
        Assert.Equal(2, staffDocs["count"]!.GetValue<int>());
        Assert.Equal([aliceSession.Email, bobSession.Email], Emails(staffDocs));

        var bobJobDetail = await GetAsync(staff, $"/api/v1/llm/job-embeddings/{bobJob}/");
        Assert.Equal(bobSession.Email, bobJobDetail["user_email"]!.GetValue<string>());
        Assert.Equal("Globex", bobJobDetail["company_name"]!.GetValue<string>());
        var bobDocDetail = await GetAsync(staff, $"/api/v1/llm/enhanced-artifacts/{bobDoc}/");
        Assert.Equal(bobSession.Email, bobDocDetail["user_email"]!.GetValue<string>());
        var bobChunks = (await GetAsync(staff, $"/api/v1/llm/enhanced-artifacts/{bobDoc}/chunks/")).AsArray();
        Assert.Equal("Bob's compiler", Assert.Single(bobChunks)!["content"]!.GetValue<string>());
        Assert.Equal(aliceJob.ToString(), (await GetAsync(staff, $"/api/v1/llm/job-embeddings/{aliceJob}/"))["id"]!.GetValue<string>());

        // Staff rights do not leak to a non-staff caller's view of the same ids.
        using var bobOnAlice = await bob.GetAsync($"/api/v1/llm/enhanced-artifacts/{aliceDoc}/chunks/");
        Assert.Equal(HttpStatusCode.NotFound, bobOnAlice.StatusCode);
    }
}
