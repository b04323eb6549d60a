using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Bench.Api;
using CvTailor.Bench.Ranking;

namespace CvTailor.Bench.Generation;

/// <summary>
/// <c>generation-api-bench [--artifacts 200] [--iterations 50] [--data PATH]</c>: the same two figures as
/// generation-bench, but through the Api over HTTP against PostgreSQL, as a client sees them: JD → CV JSON is
/// <c>POST /generate/cv/</c> plus polling <c>GET /generate/{id}/</c> (every 2 ms) until completed; CV → PDF is
/// <c>POST /export/{id}/</c>, polling its status, and downloading the file. Each iteration posts a different job
/// description (a reference line is appended), so the per-user parse cache never helps. Prints; asserts nothing.
/// </summary>
public static class GenerationApiBenchCommand
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var artifactCount = IntOption(args, "--artifacts", 200);
        var iterations = IntOption(args, "--iterations", 50);
        var dataPath = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault()
                       ?? RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        var posting = dataPath is null ? "Senior Backend Engineer\n\nRequirements\n- Go, PostgreSQL, Kafka.\n" : RelevanceDevSet.Load(dataPath).Jobs[0].Description;

        await using var host = await BenchHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Passwords:Iterations"] = "10000",
            ["Generation:MaxPerHour"] = "0",
            ["Export:MaxPerHour"] = "0",
        }, ct);
        using var client = host.CreateClient();
        var access = (await BenchUsers.RegisterAsync(client, 1, ct))[0].Access;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using (var profile = await client.PatchAsJsonAsync("/api/v1/auth/profile/", new { first_name = "Sam", last_name = "Synthetic" }, ct))
        {
            profile.EnsureSuccessStatusCode();
        }
        var (_, artifacts) = SyntheticUser.Create(artifactCount, seed: 42, SkillTaxonomy.Default);
        foreach (var a in artifacts)
        {
            using var created = await client.PostAsJsonAsync("/api/v1/artifacts/", new
            {
                title = a.Title,
                description = a.Description,
                artifact_type = a.ArtifactType switch { "job" => "experience", "open_source" => "project", var t => t },
                start_date = a.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                end_date = a.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                technologies = a.Technologies,
                evidence_links = a.EvidenceLinks.Select(l => new { url = l.Url, link_type = l.LinkType, description = l.Description }),
            }, ct);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"artifact create failed: {(int)created.StatusCode}");
            }
        }

        var generate = new List<double>();
        var render = new List<double>();
        var total = new List<double>();
        var serverGeneration = new List<double>();
        var match = new List<double>();
        long pdfBytes = 0;
        for (var i = -5; i < iterations; i++)
        {
            var body = new { job_description = $"{posting}\n\nReference: BENCH-{i + 1000}", company_name = "Tallyrock", role_title = "Senior Backend Engineer" };
            var clock = Stopwatch.StartNew();
            using (var matched = await client.PostAsJsonAsync("/api/v1/generate/match/", body, ct))
            {
                matched.EnsureSuccessStatusCode();
            }
            var tMatch = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var started = await PostAsync(client, "/api/v1/generate/cv/", body, ct);
            var generationId = started["generation_id"]!.GetValue<string>();
            var cv = await PollAsync(client, $"/api/v1/generate/{generationId}/", ct);
            var t1 = clock.Elapsed.TotalMilliseconds;
            var exportStarted = await PostAsync(client, $"/api/v1/export/{generationId}/", new { format = "pdf" }, ct);
            var exportId = exportStarted["export_id"]!.GetValue<string>();
            await PollAsync(client, $"/api/v1/export/{exportId}/status/", ct);
            var pdf = await client.GetByteArrayAsync($"/api/v1/export/{exportId}/download/", ct);
            var t2 = clock.Elapsed.TotalMilliseconds;
            pdfBytes = pdf.Length;
            if (i >= 0)
            {
                match.Add(tMatch);
                generate.Add(t1);
                render.Add(t2 - t1);
                total.Add(t2);
                serverGeneration.Add(cv["generation_time_ms"]!.GetValue<int>());
            }
        }

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv,
            $"Generation API bench: {artifactCount} artifacts, {iterations} iterations (after 5 warm-up), {Environment.ProcessorCount} cores, HTTP on loopback, PostgreSQL"));
        await output.WriteLineAsync(string.Create(inv, $"  match (sync)          : p50 {Percentile(match, 50),7:0.0} ms  p95 {Percentile(match, 95),7:0.0} ms"));
        await output.WriteLineAsync(string.Create(inv, $"  JD -> CV JSON (202+poll): p50 {Percentile(generate, 50),7:0.0} ms  p95 {Percentile(generate, 95),7:0.0} ms  (server-side generation_time_ms p50 {Percentile(serverGeneration, 50):0} / p95 {Percentile(serverGeneration, 95):0})"));
        await output.WriteLineAsync(string.Create(inv, $"  CV -> PDF (+download) : p50 {Percentile(render, 50),7:0.0} ms  p95 {Percentile(render, 95),7:0.0} ms  ({pdfBytes / 1024} KiB)"));
        await output.WriteLineAsync(string.Create(inv, $"  both together         : p50 {Percentile(total, 50),7:0.0} ms  p95 {Percentile(total, 95),7:0.0} ms  (goal p95 <= 500 ms)"));
        return 0;
    }

    static async Task<JsonNode> PostAsync(HttpClient client, string url, object body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(url, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return response.StatusCode == HttpStatusCode.Accepted
            ? json!
            : throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {json}");
    }

    static async Task<JsonNode> PollAsync(HttpClient client, string url, CancellationToken ct)
    {
        while (true)
        {
            var json = (await client.GetFromJsonAsync<JsonNode>(url, ct))!;
            switch (json["status"]!.GetValue<string>())
            {
                case "completed":
                    return json;
                case "failed":
                    throw new InvalidOperationException($"{url} failed: {json["error_message"]}");
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
