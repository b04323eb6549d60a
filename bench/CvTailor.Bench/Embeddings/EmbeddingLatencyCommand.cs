using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// <c>embeddings-latency [--artifacts 100] [--burst 100]</c>: time from an artifact save through the Api (the POST
/// returning) until its vectors are committed by the worker, one artifact at a time (idle queue) and for a burst
/// of saves at once (queued). Also prints the server-side enqueue→done time from the job rows.
/// </summary>
internal static class EmbeddingLatencyCommand
{
    static readonly string[] s_technologies = ["PostgreSQL", "C#", "Kafka"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var sequential = Option(args, "--artifacts", 100);
        var burst = Option(args, "--burst", 100);
        await using var hosts = await BenchHosts.StartAsync(worker: true, output, ct);
        var (client, _) = await hosts.CreateUserAsync(ct);

        // Warm-up: the first job loads nothing new (the model loads at start) but JITs the worker path.
        await SaveAndWaitAsync(client, hosts.Data, 0, ct);

        var idle = new List<double>();
        for (var i = 1; i <= sequential; i++)
        {
            idle.Add(await SaveAndWaitAsync(client, hosts.Data, i, ct));
        }

        var saved = new List<(int Id, long At)>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < burst; i++)
        {
            saved.Add((await CreateAsync(client, 10_000 + i, ct), Stopwatch.GetTimestamp()));
        }
        var queued = new List<double>();
        foreach (var (id, at) in saved)
        {
            await WaitForVectorsAsync(hosts.Data, id, ct);
            queued.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
        }
        var burstSeconds = watch.Elapsed.TotalSeconds;

        var server = await ServerSideAsync(hosts.Data, ct);
        var chunks = await ScalarAsync(hosts.Data, "SELECT count(*) FROM artifact_chunks", ct);
        await output.WriteLineAsync($"save → vectors stored (Api POST returned → chunks committed), {Environment.ProcessorCount} cores, 1 worker:");
        await output.WriteLineAsync($"  idle queue, one at a time : {Percentiles.Summary(idle)}");
        await output.WriteLineAsync($"  burst of {burst} saves       : {Percentiles.Summary(queued)}  ({burst / burstSeconds:F1} artifacts/s end to end)");
        await output.WriteLineAsync($"  job rows, enqueue → done  : {Percentiles.Summary(server)}");
        await output.WriteLineAsync($"  {chunks} chunks stored for {sequential + burst + 1} artifacts ({(double)chunks / (sequential + burst + 1):F1} per artifact)");
        return 0;
    }

    static async Task<double> SaveAndWaitAsync(HttpClient client, NpgsqlDataSource data, int seed, CancellationToken ct)
    {
        var id = await CreateAsync(client, seed, ct);
        var started = Stopwatch.GetTimestamp();
        await WaitForVectorsAsync(data, id, ct);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    static async Task<int> CreateAsync(HttpClient client, int seed, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/artifacts/", new
        {
            title = $"Project {seed}",
            description = string.Join("\n\n", Enumerable.Range(0, 3).Select(p => BenchProse.Paragraph((seed * 7) + p))),
            technologies = s_technologies,
        }, ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["id"]!.GetValue<int>();
    }

    static async Task WaitForVectorsAsync(NpgsqlDataSource data, int artifactId, CancellationToken ct)
    {
        await using var command = data.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM enhanced_artifacts e JOIN artifact_chunks c ON c.artifact_id = e.id WHERE e.original_artifact_id = $1)");
        command.Parameters.AddWithValue(artifactId);
        while (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            await Task.Delay(2, ct);
        }
    }

    static async Task<List<double>> ServerSideAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand(
            "SELECT extract(epoch FROM completed_at - created_at) * 1000 FROM embedding_jobs WHERE status = 'done'");
        var values = new List<double>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values.Add((double)reader.GetDecimal(0));
        }
        return values;
    }

    internal static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value)
            ? value : fallback;
    }
}

/// <summary>Deterministic CV-like prose for the benches.</summary>
internal static class BenchProse
{
    static readonly string[] s_verbs = ["Designed", "Built", "Led", "Migrated", "Optimised", "Automated", "Shipped", "Refactored", "Scaled", "Audited"];
    static readonly string[] s_things = ["a payment service", "the search pipeline", "a data warehouse", "the mobile app",
        "an observability stack", "the CI system", "a recommendation engine", "the billing platform", "a fraud model",
        "the identity provider", "a streaming ETL job", "the design system", "a GraphQL gateway", "the on-call runbooks"];
    static readonly string[] s_results = ["cutting latency by 40%", "for two million users", "with zero downtime",
        "saving 30 hours a week", "across four teams", "ahead of schedule", "halving cloud costs", "in Rust and Go"];

    public static string Sentence(Random random) =>
        $"{s_verbs[random.Next(s_verbs.Length)]} {s_things[random.Next(s_things.Length)]} {s_results[random.Next(s_results.Length)]}.";

    public static string Paragraph(int seed)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, 4 + random.Next(4)).Select(_ => Sentence(random)));
    }
}
