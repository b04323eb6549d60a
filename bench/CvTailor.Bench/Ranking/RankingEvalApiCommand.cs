using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Bench.Embeddings;
using Microsoft.Extensions.DependencyInjection;

namespace CvTailor.Bench.Ranking;

/// <summary>
/// <c>ranking-eval-api [--data PATH] [--semantic on|off] [--taxonomy shipped|names-only|held-out|held-out-all]
/// [--set Option=value]</c>: the
/// dev set through the product as a client meets it.
/// Each dev person becomes a user of a real Api, their artifacts are created through the artifacts endpoint, the
/// Embeddings worker chunks and embeds them (semantic on), and every job is ranked by <c>POST /generate/match/</c>.
/// <c>ranking-eval</c> scores artifact sentences in process as of a fixed date; this scores the stored chunks as of
/// today, which is what a held-out set run through the API measures. <c>--taxonomy</c> starts the Api from the same
/// reduced taxonomies as <c>ranking-eval</c> (a stand-in for postings worded in ways the taxonomy has never seen).
/// </summary>
internal static class RankingEvalApiCommand
{
    const string Match = "/api/v1/generate/match/";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var dataPath = RankingEvalCommand.Option(args, "--data") ?? RelevanceDevSet.Locate(Directory.GetCurrentDirectory())
                       ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        if (dataPath is null || !File.Exists(dataPath))
        {
            await output.WriteLineAsync("relevance-dev.json not found; pass --data PATH.");
            return 2;
        }

        var semanticOn = RankingEvalCommand.Option(args, "--semantic") != "off";
        var data = RelevanceDevSet.Load(dataPath);
        var taxonomyName = RankingEvalCommand.Option(args, "--taxonomy") ?? "shipped";
        var heldOut = new List<string>();
        var taxonomy = RankingEvalCommand.Taxonomy(taxonomyName, data, heldOut);
        var rankingOptions = RankingEvalCommand.ApplySettings(new RankingOptions(), args);
        await using var hosts = await BenchHosts.StartAsync(worker: semanticOn, output, ct, services =>
        {
            if (taxonomyName != "shipped")
            {
                services.AddSingleton(new BaseSkillTaxonomy(taxonomy, taxonomyName));
            }
            services.AddSingleton(rankingOptions); // the last registration wins: the defaults, or --set's
        });
        if (heldOut.Count > 0)
        {
            await output.WriteLineAsync($"Held out of the taxonomy ({heldOut.Count}): {string.Join("; ", heldOut)}");
        }
        var results = new List<(DevJob Job, IReadOnlyList<string> Ranking, IReadOnlyList<string> Gaps, string Semantic)>();
        foreach (var person in data.Users)
        {
            var (client, _) = await hosts.CreateUserAsync(ct);
            using (client)
            {
                var devIds = new Dictionary<int, string>();
                foreach (var artifact in data.Artifacts.Where(a => a.UserId == person.Id))
                {
                    devIds[await CreateArtifactAsync(client, artifact, ct)] = artifact.Id;
                }

                while (semanticOn && await EmbeddingLatencyCommand.ScalarAsync(hosts.Data, "SELECT count(*) FROM embedding_jobs WHERE status <> 'done'", ct) > 0)
                {
                    await Task.Delay(200, ct);
                }

                foreach (var job in data.Jobs.Where(j => j.UserId == person.Id))
                {
                    using var response = await client.PostAsJsonAsync(Match,
                        new { job_description = job.Description, company_name = job.Company, role_title = job.RoleTitle }, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{job.Id}: {(int)response.StatusCode} {text}");
                    }

                    var json = JsonNode.Parse(text)!;
                    var ranking = json["ranked_artifacts"]!.AsArray().Select(r => devIds[r!["artifact_id"]!.GetValue<int>()]).ToList();
                    var coverage = json["keyword_coverage"]!;
                    var reported = coverage["matched"]!.AsArray().Select(m => (m!["keyword"]!.GetValue<string>(), false))
                        .Concat(coverage["missing"]!.AsArray().Select(m => (m!["keyword"]!.GetValue<string>(), true))).ToList();
                    var gaps = KeywordMapping.PredictedGaps(taxonomy.Analyzer, reported, [.. job.RequiredKeywords.Select(k => k.Term)]);
                    results.Add((job, ranking, gaps, json["semantic"]!["status"]!.GetValue<string>()));
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"Ranking evaluation through the Api: {results.Count} jobs, semantic {(semanticOn ? "on (USE-Lite chunks from the Embeddings worker)" : "off")}, taxonomy {taxonomyName}, as of today{string.Concat(args.Where((a, i) => i > 0 && args[i - 1] == "--set").Select(a => ", " + a))}");
        await output.WriteLineAsync($"semantic.status per match: {string.Join(", ", results.GroupBy(r => r.Semantic).Select(g => $"{g.Key} {g.Count()}"))}");
        await output.WriteLineAsync(string.Create(inv, $"  {"scenario",-17} {"jobs",4} {"nDCG@5",7} {"R@5",6} {"MRR",6} {"gap P",6} {"gap R",6} {"gap F1",6}"));
        foreach (var scenario in new string?[] { null, "core", "stretch", "vocabulary_shift" })
        {
            var jobs = results.Where(r => scenario is null || r.Job.Scenario == scenario).ToList();
            var (p, r, f) = RankingMetrics.MicroAveragedGaps(jobs.Select(j => RankingMetrics.GapCounts(j.Gaps, j.Job.RequiredKeywords)));
            await output.WriteLineAsync(string.Create(inv,
                $"  {scenario ?? "overall",-17} {jobs.Count,4} {jobs.Average(j => RankingMetrics.NdcgAt5(j.Ranking, j.Job.Relevance)),7:0.000} {jobs.Average(j => RankingMetrics.RecallAt5(j.Ranking, j.Job.Relevance)),6:0.000} {jobs.Average(j => RankingMetrics.ReciprocalRank(j.Ranking, j.Job.Relevance)),6:0.000} {p,6:0.000} {r,6:0.000} {f,6:0.000}"));
        }

        if (args.Contains("--verbose"))
        {
            foreach (var (job, ranking, _, _) in results)
            {
                await output.WriteLineAsync(string.Create(inv, $"{job.Id} ({job.Scenario}) nDCG@5 {RankingMetrics.NdcgAt5(ranking, job.Relevance):0.000} top5 [{string.Join(", ", ranking.Take(5))}]"));
            }
        }

        return 0;
    }

    /// <summary>One dev artifact through the artifacts endpoint.</summary>
    static async Task<int> CreateArtifactAsync(HttpClient client, DevArtifact artifact, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/artifacts/", artifact.ToApiRequest(), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"artifact {artifact.Id}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }
}
