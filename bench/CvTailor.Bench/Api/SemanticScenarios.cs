using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Bench.Embeddings;
using CvTailor.Bench.Ranking;

namespace CvTailor.Bench.Api;

/// <summary>
/// One user with 200 artifacts (about three USE-Lite chunks each, written by the Embeddings worker running beside
/// the Api); calls wait until every artifact has vectors, so the figures are those of semantic search and match.
/// </summary>
public abstract class SemanticScenario : IApiScenario
{
    public const int Artifacts = 200;

    protected HttpClient User { get; private set; } = null!;

    public abstract string Name { get; }

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        var access = (await BenchUsers.RegisterAsync(client, 1, ct))[0].Access;
        User = host.CreateClient();
        User.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        await MatchLatencyCommand.CreateArtifactsAsync(User, Artifacts, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        while (true)
        {
            using var response = await User.PostAsJsonAsync("/api/v1/generate/match/", MatchScenario.Body(-1), timeout.Token);
            var semantic = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!["semantic"]!;
            if (semantic["status"]!.GetValue<string>() == "used" && semantic["artifacts_with_vectors"]!.GetValue<int>() == Artifacts)
            {
                return;
            }
            await Task.Delay(500, timeout.Token);
        }
    }

    public abstract Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct);
}

/// <summary>Semantic artifact search (cosine, 10 results), a different query sentence per call from a set of 50.</summary>
public sealed class SearchScenario : SemanticScenario
{
    public override string Name => "search";

    public override async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        var query = BenchProse.Sentence(new Random(500 + (index % 50)));
        using var response = await User.PostAsJsonAsync("/api/v1/artifacts/search/", new { query, metric = "cosine", limit = 10 }, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK;
    }
}

/// <summary>Match of the 200 artifacts against a ~40-line posting (a new text each call), semantic scoring on.</summary>
public sealed class MatchScenario : SemanticScenario
{
    static readonly Lazy<DevJob> Posting = new(() => RelevanceDevSet.Load(
        RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("relevance-dev.json not found (the posting comes from it).")).Jobs.Single(j => j.Id == "u1-j4"));

    public override string Name => "match";

    public static object Body(int index) => new
    {
        job_description = $"{Posting.Value.Description}\n\nReference: API-BENCH-{index}",
        company_name = Posting.Value.Company,
        role_title = Posting.Value.RoleTitle,
    };

    public override async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        using var response = await User.PostAsJsonAsync("/api/v1/generate/match/", Body(index), ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return response.StatusCode == HttpStatusCode.OK && json?["semantic"]?["status"]?.GetValue<string>() == "used";
    }
}
