using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Data.Llm;
using CvTailor.Tests.Infrastructure;
using Pgvector;

namespace CvTailor.Tests.Api.Llm;

/// <summary>L9–L10: job-embeddings list, detail and cache_stats, scoped to the caller, vectors never returned.</summary>
public sealed class JobEmbeddingReadTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    ApiServer Api => fixture.Server;

    async Task<Guid> InsertAsync(long userId, string company, string role, int accessCount, DateTime lastAccessed)
    {
        await using var db = Api.CreateDbContext();
        var row = new JobDescriptionEmbedding
        {
            UserId = userId,
            JobDescriptionHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            CompanyName = company,
            RoleTitle = role,
            EmbeddingVector = new Vector(new float[1536]),
            ModelUsed = "use-lite",
            Dimensions = 512,
            CostUsd = 0.000123m,
            AccessCount = accessCount,
            LastAccessed = lastAccessed,
        };
        db.JobEmbeddings.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    [Fact]
    public async Task List_detail_and_stats_show_only_the_callers_rows()
    {
        var (client, session) = await Api.CreateUserClientAsync();
        var (other, otherSession) = await Api.CreateUserClientAsync();
        var now = DateTime.UtcNow;
        var older = await InsertAsync(session.UserId, "Acme", "SRE", 3, now.AddHours(-2));
        var newer = await InsertAsync(session.UserId, "Globex", "Backend engineer", 7, now.AddHours(-1));
        await InsertAsync(session.UserId, "Acme", "Data engineer", 1, now.AddHours(-3));
        var foreign = await InsertAsync(otherSession.UserId, "Initech", "Manager", 50, now);

        var list = (await client.GetFromJsonAsync<JsonNode>("/api/v1/llm/job-embeddings/?page_size=2"))!;
        Assert.Equal(3, list["count"]!.GetValue<int>());
        Assert.NotNull(list["next"]!.GetValue<string>());
        var first = list["results"]![0]!.AsObject();
        Assert.Equal(newer.ToString(), first["id"]!.GetValue<string>());
        Assert.Equal(older.ToString(), list["results"]![1]!["id"]!.GetValue<string>());
        Assert.Equal("0.000123", first["cost_usd"]!.GetValue<string>());
        Assert.Equal(session.Email, first["user_email"]!.GetValue<string>());
        Assert.False(first.ContainsKey("embedding_vector"));
        Assert.EndsWith("Z", first["last_accessed"]!.GetValue<string>(), StringComparison.Ordinal);

        using var mine = await client.GetAsync($"/api/v1/llm/job-embeddings/{older}/");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var notMine = await client.GetAsync($"/api/v1/llm/job-embeddings/{foreign}/");
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal("No JobDescriptionEmbedding matches the given query.", (await notMine.ReadJsonAsync())!["detail"]!.GetValue<string>());
        using var notUuid = await client.GetAsync("/api/v1/llm/job-embeddings/not-a-uuid/");
        Assert.Equal(HttpStatusCode.NotFound, notUuid.StatusCode);

        var stats = (await client.GetFromJsonAsync<JsonNode>("/api/v1/llm/job-embeddings/cache_stats/"))!;
        Assert.Equal(3, stats["total_embeddings"]!.GetValue<int>());
        Assert.Equal(2, stats["unique_companies"]!.GetValue<int>());
        Assert.Equal(11, stats["total_access_count"]!.GetValue<int>());
        Assert.Equal(Math.Min(100, 11.0 / 3 * 10), stats["cache_hit_rate"]!.GetValue<double>(), 6);
        Assert.Equal(["Backend engineer", "SRE", "Data engineer"], stats["most_accessed"]!.AsArray().Select(x => x!["role_title"]!.GetValue<string>()));
        Assert.Equal(3, stats["recent_embeddings"]!.AsArray().Count);

        var empty = (await other.GetFromJsonAsync<JsonNode>("/api/v1/llm/job-embeddings/"))!;
        Assert.Equal(1, empty["count"]!.GetValue<int>());
        using var anonymous = await Api.Client.GetAsync("/api/v1/llm/job-embeddings/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
