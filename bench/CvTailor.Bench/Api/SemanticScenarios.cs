using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Search;
using CvTailor.Bench.Embeddings;
using CvTailor.Bench.Ranking;
using CvTailor.Data;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Bench.Api;

/// <summary>
/// One user with 200 artifacts (about three USE-Lite chunks each, written by the Embeddings worker running beside
/// the Api); calls wait until every artifact has vectors, so the figures are those of semantic search and match.
/// </summary>
public abstract class SemanticScenario : IApiScenario, IDataAccessBaseline, IDisposable
{
    public const int Artifacts = 200;
    protected const string Model = "use-lite";

    protected HttpClient User { get; private set; } = null!;

    protected long UserId { get; private set; }

    protected NpgsqlDataSource Data { get; private set; } = null!;

    protected DbContextOptions<CvTailorDbContext> DbOptions { get; private set; } = null!;

    protected Uri EmbeddingsAddress { get; private set; } = null!;

    public abstract Task<bool> DataAccessAsync(int index, CancellationToken ct);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Data?.Dispose();
        }
    }

    public abstract string Name { get; }

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        var (email, access) = (await BenchUsers.RegisterAsync(client, 1, ct))[0];
        var data = new NpgsqlDataSourceBuilder(host.ConnectionString);
        data.UseVector();
        Data = data.Build();
        DbOptions = CvTailorDbContextOptions.Create(host.ConnectionString);
        EmbeddingsAddress = host.EmbeddingsAddress!;
        await using (var command = Data.CreateCommand("SELECT id FROM accounts_user WHERE email = $1"))
        {
            command.Parameters.AddWithValue(email);
            UserId = (long)(await command.ExecuteScalarAsync(ct))!;
        }
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
                await PrepareDataAccessAsync(ct);
                return;
            }
            await Task.Delay(500, timeout.Token);
        }
    }

    public abstract Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct);

    protected virtual Task PrepareDataAccessAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Semantic artifact search (cosine, 10 results), a different query sentence per call from a set of 50.</summary>
public sealed class SearchScenario : SemanticScenario
{
    public override string Name => "search";

    readonly List<float[]> _vectors = [];

    static string Query(int index) => BenchProse.Sentence(new Random(500 + (index % 50)));

    /// <summary>The 50 query sentences' vectors, from the Embeddings service, for the search SQL alone.</summary>
    protected override async Task PrepareDataAccessAsync(CancellationToken ct)
    {
        using var embeddings = new HttpClient { BaseAddress = EmbeddingsAddress };
        for (var i = 0; i < 50; i++)
        {
            using var response = await embeddings.PostAsJsonAsync("/v1/embeddings", new { input = Query(i), model = Model }, ct);
            _vectors.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["data"]![0]!["embedding"]!
                .AsArray().Select(v => v!.GetValue<float>()).ToArray());
        }
    }

    /// <summary>The search SQL the endpoint sends, with the same query's vector.</summary>
    public override async Task<bool> DataAccessAsync(int index, CancellationToken ct)
    {
        var hits = await VectorSearch.RunAsync(Data, UserId, new QueryVector(Model, _vectors[index % 50]),
            new SearchRequest(Query(index), SearchMetric.Cosine, 10, null, SearchRequest.DefaultChunksPerArtifact), ct);
        return hits.Count > 0;
    }

    public override async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        var query = Query(index);
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

    /// <summary>The match endpoint's data access (MatchDataAccess), run alone.</summary>
    public override async Task<bool> DataAccessAsync(int index, CancellationToken ct)
    {
        await MatchDataAccess.RunAsync(DbOptions, UserId, Model, VectorStorage.Narrow, null, ct);
        return true;
    }

    public override async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        using var response = await User.PostAsJsonAsync("/api/v1/generate/match/", Body(index), ct);
        var answer = await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK && SemanticStatusOf(answer) == "used";
    }

    /// <summary>
    /// The answer's <c>semantic.status</c>, read with a forward-only reader: the check costs the client a scan of the
    /// 700 KB answer, not a DOM of it built on the same cores as the server it measures.
    /// </summary>
    internal static string? SemanticStatusOf(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var semantic = reader.ValueTextEquals("semantic"u8);
            reader.Read();
            if (!semantic || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var status = reader.ValueTextEquals("status"u8);
                reader.Read();
                if (status)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }
        return null;
    }
}
