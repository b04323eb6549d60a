using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CvTailor.Api.Search;
using CvTailor.LocalPostgres;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// <c>search-latency [--artifacts 200] [--queries 50] [--rounds 5]</c>: <c>POST /api/v1/artifacts/search/</c> through
/// the Api (HTTP, auth, query vector from the per-(text, model) cache, SQL, JSON) against the same SQL with the same
/// vector run by psql (<c>\timing</c>), per metric; prints both and their ratio.
/// </summary>
internal static partial class SearchLatencyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var artifacts = EmbeddingLatencyCommand.Option(args, "--artifacts", 200);
        var queryCount = EmbeddingLatencyCommand.Option(args, "--queries", 50);
        var rounds = EmbeddingLatencyCommand.Option(args, "--rounds", 5);
        await using var hosts = await BenchHosts.StartAsync(worker: true, output, ct);
        var (client, userId) = await hosts.CreateUserAsync(ct);
        for (var i = 0; i < artifacts; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/artifacts/", new
            {
                title = $"Project {i}",
                description = string.Join("\n\n", Enumerable.Range(0, 3).Select(p => BenchProse.Paragraph((i * 7) + p))),
            }, ct);
            created.EnsureSuccessStatusCode();
        }
        while (await EmbeddingLatencyCommand.ScalarAsync(hosts.Data, "SELECT count(*) FROM embedding_jobs WHERE status <> 'done'", ct) > 0)
        {
            await Task.Delay(200, ct);
        }
        var chunks = await EmbeddingLatencyCommand.ScalarAsync(hosts.Data, "SELECT count(*) FROM artifact_chunks", ct);
        await output.WriteLineAsync($"{artifacts} artifacts, {chunks} chunks for one user; {queryCount} queries × {rounds} rounds per metric");

        var random = new Random(99);
        var queries = Enumerable.Range(0, queryCount).Select(_ => BenchProse.Sentence(random)).Distinct().ToList();
        var vectors = new Dictionary<string, float[]>();
        using var embeddings = new HttpClient { BaseAddress = hosts.EmbeddingsAddress };
        foreach (var query in queries)
        {
            using var response = await embeddings.PostAsJsonAsync("/v1/embeddings", new { input = query, model = "use-lite" }, ct);
            vectors[query] = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["data"]![0]!["embedding"]!
                .AsArray().Select(v => v!.GetValue<float>()).ToArray();
        }

        await output.WriteLineAsync("metric          Api p50    Api p95   psql p50   psql p95   ratio (p50)");
        foreach (var metric in SearchMetric.All)
        {
            // Warm-up: fills the query cache and the plan caches.
            foreach (var query in queries)
            {
                await SearchAsync(client, query, metric.Name, ct);
            }
            var api = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var query in queries)
                {
                    var started = Stopwatch.GetTimestamp();
                    await SearchAsync(client, query, metric.Name, ct);
                    api.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            var psql = await PsqlTimingsAsync(hosts, metric, userId, queries.Select(q => vectors[q]).ToList(), rounds, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{metric.Name,-14} {Percentiles.Of(api, 50),7:F2} ms {Percentiles.Of(api, 95),7:F2} ms {Percentiles.Of(psql, 50),7:F2} ms {Percentiles.Of(psql, 95),7:F2} ms   {Percentiles.Of(api, 50) / Percentiles.Of(psql, 50),6:F2}×"));
        }
        return 0;
    }

    static async Task SearchAsync(HttpClient client, string query, string metric, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/artifacts/search/", new { query, metric, limit = 10 }, ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>The search SQL with the same parameters as literals, run by psql with \timing; returns each query's time.</summary>
    static async Task<List<double>> PsqlTimingsAsync(
        BenchHosts hosts, SearchMetric metric, long userId, List<float[]> vectors, int rounds, CancellationToken ct)
    {
        var script = new StringBuilder("\\timing on\n\\o /dev/null\n");
        for (var round = 0; round < rounds + 1; round++)
        {
            foreach (var vector in vectors)
            {
                var literal = "'[" + string.Join(',', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]'::vector";
                var sql = VectorSearch.Sql(metric, vector.Length)
                    .Replace("$1", literal, StringComparison.Ordinal)
                    .Replace("$2", userId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("$3", "'use-lite'", StringComparison.Ordinal)
                    .Replace("$4", "10", StringComparison.Ordinal)
                    .Replace("$5", "3", StringComparison.Ordinal)
                    .Replace("$6::float8", "NULL::float8", StringComparison.Ordinal)
                    .Replace("$6", "NULL", StringComparison.Ordinal);
                script.Append(sql).Append(";\n");
            }
        }
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, script.ToString(), ct);
        try
        {
            var psql = Path.Combine(PostgresBinaries.Discover(null), "psql");
            var info = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-X", "-q", "-h", "127.0.0.1", "-p", hosts.Postgres.Port.ToString(CultureInfo.InvariantCulture),
                         "-U", "postgres", "-d", "bench", "-f", file })
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["PGPASSWORD"] = hosts.Postgres.Password;
            using var process = Process.Start(info)!;
            var stdout = await process.StandardOutput.ReadToEndAsync(ct);
            var stderr = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var times = TimingLine().Matches(stdout + stderr)
                .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            if (times.Count < vectors.Count * (rounds + 1))
            {
                throw new InvalidOperationException($"psql printed {times.Count} timings: {stderr}");
            }
            return times.Skip(vectors.Count).ToList();   // the first round warms the cache, as for the Api
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"Time: ([0-9.]+) ms")]
    private static partial Regex TimingLine();
}
