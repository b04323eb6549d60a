using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// A user's story through the system the AppHost starts (Aspire.Hosting.Testing): register, save an artifact, find it
/// by meaning once the Embeddings worker has embedded it, match it against a job; and the Api's traces in the Aspire
/// dashboard, read back through the dashboard's telemetry API.
/// </summary>
public sealed class SystemTests : IAsyncLifetime
{
    AspireAppFixture system = null!;

    public async Task InitializeAsync() => system = await AspireAppFixture.SharedAsync;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Register_save_an_artifact_find_it_by_meaning_and_match_it_to_a_job()
    {
        using var http = new HttpClient { BaseAddress = system.Api, Timeout = TimeSpan.FromSeconds(30) };
        var email = $"story-{Guid.NewGuid():N}@example.com";
        using var register = await http.PostAsJsonAsync("/api/v1/auth/register/",
            new { email, password = "a-Long-passphrase-42", password_confirm = "a-Long-passphrase-42", first_name = "Ada" });
        var session = (await register.ReadJsonAsync())!;
        Assert.True(register.StatusCode == HttpStatusCode.Created, session.ToJsonString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session["access"]!.GetValue<string>());

        var store = await http.CreateAsync(GenerationApi.Artifact("Storefront scaling",
            "Scaled the online store so it stayed fast through Black Friday traffic spikes. Moved product pages behind a CDN and added autoscaling.",
            "2023-01-01", null, ["Nginx"]));
        var garden = await http.CreateAsync(GenerationApi.Artifact("Community garden",
            "Organised volunteers and planted vegetables for the neighbourhood.", "2022-03-01", "2022-09-01", []));

        // Searchable by meaning once the worker has embedded it: no word of the query is in the artifact.
        var found = await Eventually.WaitAsync(async () =>
        {
            using var search = await http.PostAsJsonAsync("/api/v1/artifacts/search/", new { query = "website performance under heavy holiday load" });
            var json = (await search.ReadJsonAsync())!;
            return search.StatusCode == HttpStatusCode.OK && json["search_type"]?.GetValue<string>() != "fulltext"
                ? json["results"]!.AsArray().Select(r => r!["artifact_id"]!.GetValue<int>()).ToArray()
                : [];
        }, ids => ids.Length > 0 && ids[0] == store, TimeSpan.FromMinutes(2), "semantic search to rank the embedded artifact first");
        Assert.DoesNotContain(garden, found.Take(1));

        using var match = await http.PostAsJsonAsync("/api/v1/generate/match/", new
        {
            job_description = """
                Site Reliability Engineer

                Requirements
                - Keep a high-traffic e-commerce website responsive during seasonal sales peaks.
                - Serve static pages through a content delivery network.
                """,
        });
        var result = (await match.ReadJsonAsync())!;
        Assert.True(match.StatusCode == HttpStatusCode.OK, result.ToJsonString());
        Assert.Equal("used", result["semantic"]!["status"]!.GetValue<string>());
        Assert.Equal(store, result["ranked_artifacts"]![0]!["artifact_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_apis_traces_reach_the_dashboard_with_their_database_spans()
    {
        using var http = new HttpClient { BaseAddress = system.Api, Timeout = TimeSpan.FromSeconds(30) };
        var email = $"trace-{Guid.NewGuid():N}@example.com";
        using var register = await http.PostAsJsonAsync("/api/v1/auth/register/",
            new { email, password = "a-Long-passphrase-42", password_confirm = "a-Long-passphrase-42", first_name = "Ada" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);

        var spans = await Eventually.WaitAsync(
            () => system.SpansAsync("api", CancellationToken.None),
            s => s.Any(IsRegisterRequest) && s.Any(IsDatabaseCall),
            TimeSpan.FromMinutes(1), "the dashboard to hold the registration's server span and its PostgreSQL spans");
        var server = spans.First(IsRegisterRequest);
        Assert.Contains(spans, s => IsDatabaseCall(s) && s.TraceId == server.TraceId);
    }

    static bool IsRegisterRequest(DashboardSpan span) => span.Name.Contains("register", StringComparison.OrdinalIgnoreCase);

    static bool IsDatabaseCall(DashboardSpan span) =>
        (span.Tag("db.system") ?? span.Tag("db.system.name")) == "postgresql";
}
