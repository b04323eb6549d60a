using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Search;
using CvTailor.Bench.Ranking;
using CvTailor.Data;
using CvTailor.Data.Schema;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// <c>match-latency [--artifacts 200] [--iterations 50] [--warmup 200] [--sql-parts]</c>: what a user gets from <c>POST /api/v1/generate/match/</c>
/// and <c>POST /api/v1/artifacts/search/</c> with semantic scoring on (Api + Embeddings service + worker in process,
/// real USE-Lite chunk vectors in a throwaway PostgreSQL), each against its own data access run the same way in the
/// same run: for match the artifact load, the vector-count queries, the one-pass chunk-vector read and the chunk
/// texts, and second with every other statement the endpoint sends (the token's user check, the posting cache's lookup
/// and insert); for search the search SQL with the same query vector. Prints p50/p95 and the ratios; asserts that every
/// match answered with <c>semantic.status = used</c>. <c>--sql-parts</c> shows each SQL statement of a match as a part.
/// <c>--save-answer FILE</c> writes the answer to the posting without the per-call reference line, so two builds'
/// answers can be compared byte for byte (a performance change must not change what the match says).
/// </summary>
internal static class MatchLatencyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var artifacts = EmbeddingLatencyCommand.Option(args, "--artifacts", 200);
        var perPairSql = args.Contains("--per-pair-sql");
        var saveAnswer = Array.IndexOf(args, "--save-answer") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var iterations = EmbeddingLatencyCommand.Option(args, "--iterations", 50);
        // Warm-up long enough for the runtime's tiered compilation to settle (a method is recompiled optimised after
        // 30 calls and a quiet spell, with profile-guided steps between): after 5 calls the timed ones partly ran
        // unoptimised code (142 ms p50 against 67 ms warm), after 50 the p95 still did. A server that has been up
        // answers with optimised code, and that is what this measures.
        var warmup = EmbeddingLatencyCommand.Option(args, "--warmup", 200);
        var dataPath = RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        if (dataPath is null)
        {
            await output.WriteLineAsync("relevance-dev.json not found (the posting comes from it).");
            return 2;
        }

        // A posting of about 40 query lines: the dev set's reliability job (requirement lines plus keywords).
        var posting = RelevanceDevSet.Load(dataPath).Jobs.Single(j => j.Id == "u1-j4");
        await using var hosts = await BenchHosts.StartAsync(worker: true, output, ct);
        var (client, userId) = await hosts.CreateUserAsync(ct);
        await CreateArtifactsAsync(client, artifacts, ct);
        while (await EmbeddingLatencyCommand.ScalarAsync(hosts.Data, "SELECT count(*) FROM embedding_jobs WHERE status <> 'done'", ct) > 0)
        {
            await Task.Delay(200, ct);
        }
        var chunks = await EmbeddingLatencyCommand.ScalarAsync(hosts.Data, "SELECT count(*) FROM artifact_chunks", ct);

        // Match through the Api: a new posting text every call (a reference line), so the parse cache never helps;
        // the query lines repeat, so their vectors come from the Api's query cache after the warm-up, as for a user.
        var api = new List<double>();
        var queryLines = 0;
        var lines = new List<string>();
        var parsedJson = "";
        for (var i = -warmup; i < iterations; i++)
        {
            if (i == 0)
            {
                await Task.Delay(500, ct); // the recompilation happens in the background
            }
            var body = new { job_description = $"{posting.Description}\n\nReference: BENCH-{i + 1000}", company_name = posting.Company, role_title = posting.RoleTitle };
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/v1/generate/match/", body, ct);
            var answer = await response.Content.ReadAsByteArrayAsync(ct);
            // The answer's last byte received: decoding it to text and parsing it are the bench's work, not the endpoint's.
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var json = JsonNode.Parse(answer)!;
            response.EnsureSuccessStatusCode();
            if (json["semantic"]!["status"]!.GetValue<string>() != "used")
            {
                throw new InvalidOperationException($"semantic scoring was not used: {json["semantic"]}");
            }
            lines = [.. json["parsed_job"]!["requirements"]!.AsArray().Where(r => r!["kind"]!.GetValue<string>() != "context")
                    .Select(r => r!["text"]!.GetValue<string>()),
                .. json["parsed_job"]!["keywords"]!.AsArray().Select(k => k!["term"]!.GetValue<string>())];
            queryLines = lines.Count;
            parsedJson = json["parsed_job"]!.ToJsonString();
            if (i >= 0)
            {
                api.Add(elapsed);
            }
        }

        if (saveAnswer is not null)
        {
            var body = new { job_description = posting.Description, company_name = posting.Company, role_title = posting.RoleTitle };
            using var response = await client.PostAsJsonAsync("/api/v1/generate/match/", body, ct);
            response.EnsureSuccessStatusCode();
            await File.WriteAllTextAsync(saveAnswer, await response.Content.ReadAsStringAsync(ct), ct);
        }

        // Where the endpoint's time goes (separate calls: listening to every span costs a little).
        var breakdown = new List<IReadOnlyDictionary<string, double>>();
        using (var spans = new SpanBreakdown(sqlParts: args.Contains("--sql-parts")))
        {
            for (var i = 0; i < Math.Min(iterations, 20); i++)
            {
                var body = new { job_description = $"{posting.Description}\n\nReference: SPANS-{i}", company_name = posting.Company, role_title = posting.RoleTitle };
                breakdown.Add(await spans.MeasureAsync(async () =>
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/generate/match/", body, ct);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync(ct);
                }));
            }
        }

        // The same data access, same client library, same process, sequentially.
        var model = "use-lite";
        var dims = 512;
        var data = new List<double>();
        var allStatements = new List<double>();
        using var embedder = new HttpClient { BaseAddress = hosts.EmbeddingsAddress };
        var lineVectors = new List<string>();
        foreach (var line in lines)
        {
            using var response = await embedder.PostAsJsonAsync("/v1/embeddings", new { input = line, model }, ct);
            var v = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["data"]![0]!["embedding"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray();
            lineVectors.Add("[" + string.Join(',', v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]");
        }
        var options = CvTailorDbContextOptions.Create(hosts.ConnectionString);
        for (var i = -Math.Min(warmup, 10); i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await MatchDataAccess.RunAsync(options, userId, model, dims, perPairSql ? [.. lineVectors] : null, ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await MatchDataAccess.RequestStatementsAsync(options, userId, posting.Description, parsedJson, ct);
            var all = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                data.Add(elapsed);
                allStatements.Add(all);
            }
        }

        // Search through the Api and its own SQL with the same query vector.
        var queries = Enumerable.Range(0, iterations).Select(i => BenchProse.Sentence(new Random(500 + i))).ToList();
        using var embeddings = new HttpClient { BaseAddress = hosts.EmbeddingsAddress };
        var vectors = new List<float[]>();
        foreach (var query in queries)
        {
            using var response = await embeddings.PostAsJsonAsync("/v1/embeddings", new { input = query, model }, ct);
            vectors.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["data"]![0]!["embedding"]!
                .AsArray().Select(v => v!.GetValue<float>()).ToArray());
        }
        var searchApi = new List<double>();
        var searchSql = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using (var response = await client.PostAsJsonAsync("/api/v1/artifacts/search/", new { query = queries[i], metric = "cosine", limit = 10 }, ct))
                {
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync(ct);
                }
                var apiMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                await VectorSearch.RunAsync(hosts.Data, userId, new QueryVector(model, vectors[i]),
                    new SearchRequest(queries[i], SearchMetric.Cosine, 10, null, SearchRequest.DefaultChunksPerArtifact), ct);
                var sqlMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (round > 0)
                {
                    searchApi.Add(apiMs);
                    searchSql.Add(sqlMs);
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"data access of match: {(perPairSql ? "per-pair SQL (one distance per line and chunk, the formulation before the one-pass read)" : "one-pass chunk-vector read")}");
        await output.WriteLineAsync(string.Create(inv,
            $"{artifacts} artifacts, {chunks} chunks (USE-Lite, one user); posting with {queryLines} query lines; {iterations} calls each after {warmup} warm-up calls; semantic scoring on (status 'used' on every match)"));
        await output.WriteLineAsync("                       p50 ms    p95 ms");
        await Line(output, "match via the Api", api);
        await Line(output, "  its data access", data);
        await output.WriteLineAsync(string.Create(inv,
            $"  ratio                {Percentiles.Of(api, 50) / Percentiles.Of(data, 50),7:F2}×  {Percentiles.Of(api, 95) / Percentiles.Of(data, 95),7:F2}×"));
        await Line(output, "  all its statements", allStatements);
        await output.WriteLineAsync(string.Create(inv,
            $"  ratio                {Percentiles.Of(api, 50) / Percentiles.Of(allStatements, 50),7:F2}×  {Percentiles.Of(api, 95) / Percentiles.Of(allStatements, 95),7:F2}×   (with the token's user check and the posting cache's lookup + insert)"));
        await SpanBreakdown.PrintAsync(output, "match, parts", breakdown);
        await Line(output, "search via the Api", searchApi);
        await Line(output, "  its SQL", searchSql);
        await output.WriteLineAsync(string.Create(inv,
            $"  ratio                {Percentiles.Of(searchApi, 50) / Percentiles.Of(searchSql, 50),7:F2}×  {Percentiles.Of(searchApi, 95) / Percentiles.Of(searchSql, 95),7:F2}×"));
        await VectorStorageFigures.RunAsync(hosts.Data, output, iterations, ct);
        return 0;
    }

    /// <summary>The formulation before the one-pass read: one cosine distance per (query line, chunk) pair in SQL.</summary>
    internal static string PerPairSql(int dimensions) => $"""
        WITH q AS MATERIALIZED (
            SELECT t::vector({dimensions}) AS v, ord FROM unnest(@queries::text[]) WITH ORDINALITY AS u(t, ord)
        )
        SELECT DISTINCT ON (e.original_artifact_id, q.ord)
               e.original_artifact_id, q.ord, c.id, (1 - ({VectorStorage.ChunkVectorSql(dimensions, "c")} <=> q.v))::real
        FROM enhanced_artifacts e
        JOIN artifact_chunks c ON c.artifact_id = e.id
        CROSS JOIN q
        WHERE e.user_id = @user_id AND c.model_used = @model AND e.original_artifact_id = ANY(@ids)
        ORDER BY e.original_artifact_id, q.ord, {VectorStorage.ChunkVectorSql(dimensions, "c")} <=> q.v
        """;

    static Task Line(TextWriter output, string label, List<double> values) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label,-20} {Percentiles.Of(values, 50),8:F1} {Percentiles.Of(values, 95),9:F1}"));

    /// <summary>Artifacts of three paragraphs (about three chunks each) with technologies, as the search bench makes them.</summary>
    internal static async Task CreateArtifactsAsync(HttpClient client, int count, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/artifacts/", new
            {
                title = $"Project {i}",
                description = string.Join("\n\n", Enumerable.Range(0, 3).Select(p => BenchProse.Paragraph((i * 7) + p))),
                technologies = new[] { "PostgreSQL", "Kafka", i % 2 == 0 ? "Terraform" : "Kubernetes" },
            }, ct);
            created.EnsureSuccessStatusCode();
        }
    }
}
