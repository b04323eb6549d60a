using System.Globalization;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Embeddings.Models;
using CvTailor.SentenceEncoder;
using Microsoft.Extensions.AI;

namespace CvTailor.Bench.Ranking;

/// <summary>
/// <c>ranking-eval [--data PATH] [--embeddings none|hashing] [--as-of YYYY-MM-DD] [--verbose]</c>: prints nDCG@5,
/// Recall@5 and MRR for the hybrid ranker and each component, per scenario and overall, and keyword-gap P/R/F1.
/// Any <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> can supply the semantic component: add it to
/// <see cref="CreateGenerator"/>.
/// </summary>
public static class RankingEvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var dataPath = Option(args, "--data") ?? RelevanceDevSet.Locate(Directory.GetCurrentDirectory())
                       ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        if (dataPath is null || !File.Exists(dataPath))
        {
            await output.WriteLineAsync("relevance-dev.json not found; pass --data PATH.");
            return 2;
        }

        var embeddings = Option(args, "--embeddings") ?? "none";
        var asOf = Option(args, "--as-of") is { } d ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : RelevanceDevSet.DefaultAsOf;
        var data = RelevanceDevSet.Load(dataPath);
        var heldOut = new List<string>();
        var taxonomy = Taxonomy(Option(args, "--taxonomy"), data, heldOut);
        using var generator = CreateGenerator(embeddings, taxonomy);
        ISemanticScorer? semantic = generator is null ? null : new EmbeddingSemanticScorer(generator, embeddings);

        var options = ApplySettings(new RankingOptions(), args);
        var report = await new RankingEvaluator(taxonomy, options, semantic, asOf).EvaluateAsync(data, cancellationToken);
        if (heldOut.Count > 0)
        {
            await output.WriteLineAsync($"Held out of the taxonomy ({heldOut.Count}): {string.Join("; ", heldOut)}");
        }

        await PrintAsync(report, embeddings, Option(args, "--taxonomy") ?? "shipped", args.Contains("--verbose"), output);
        if (Option(args, "--folds") is { } folds)
        {
            await PrintFoldsAsync(report, int.Parse(folds, CultureInfo.InvariantCulture), output);
        }

        return 0;
    }

    /// <summary>The taxonomy an evaluation runs with: shipped, names-only, held-out or held-out-all (see the usage).</summary>
    internal static SkillTaxonomy Taxonomy(string? name, RelevanceDevSet data, List<string> heldOut) => name switch
    {
        null or "shipped" => SkillTaxonomy.Default,
        // A stand-in for unseen postings: the taxonomy without the aliases and word variants (some of which were
        // chosen while reading this dev set), so matching must rely on the posting's words and on semantics.
        "names-only" => new SkillTaxonomy(SkillTaxonomy.ReadShippedDocument() is var doc
            ? doc with { WordVariants = new Dictionary<string, string>(), Skills = [.. doc.Skills.Select(s => s with { Aliases = [] })] }
            : null!),
        // Generalisation check: the aliases and word variants that occur in the vocabulary-shift postings (or in
        // every posting) held out, as if the taxonomy had never seen these postings' paraphrases.
        "held-out" => HoldOut(data, allPostings: false, heldOut),
        "held-out-all" => HoldOut(data, allPostings: true, heldOut),
        var other => throw new ArgumentException($"Unknown taxonomy '{other}' (known: shipped, names-only, held-out, held-out-all)."),
    };

    static SkillTaxonomy HoldOut(RelevanceDevSet data, bool allPostings, List<string> heldOut)
    {
        var postings = data.Jobs.Where(j => allPostings || j.Scenario == "vocabulary_shift").Select(j => j.Description);
        var result = AliasHoldOut.Without(SkillTaxonomy.ReadShippedDocument(), postings);
        heldOut.AddRange(result.RemovedAliases);
        heldOut.AddRange(result.RemovedWordVariants.Select(v => $"word variant {v}"));
        return new SkillTaxonomy(result.Document);
    }

    /// <summary>The hybrid's figures per half of the jobs and per person: how much they depend on which postings they are measured on.</summary>
    static async Task PrintFoldsAsync(EvaluationReport report, int folds, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(inv, $"Hybrid per part ({folds} folds alternating within each scenario, then per person):"));
        await output.WriteLineAsync(string.Create(inv, $"  {"part",-10} {"nDCG@5",7} {"R@5",6} {"MRR",6} {"vocab",6} {"gapF1",6}  jobs"));
        var parts = report.Folds(folds).Select((r, i) => ($"fold {i + 1}", r))
            .Concat(report.ByPerson().Select(p => ($"person {p.UserId}", p.Report)));
        foreach (var (name, part) in parts)
        {
            if (part.Jobs.Count == 0)
            {
                continue;
            }

            var m = part.Mean("hybrid");
            var vocab = part.Jobs.Any(j => j.Scenario == "vocabulary_shift")
                ? part.Mean("hybrid", "vocabulary_shift").Ndcg5.ToString("0.000", inv)
                : "-";
            await output.WriteLineAsync(string.Create(inv,
                $"  {name,-10} {m.Ndcg5,7:0.000} {m.Recall5,6:0.000} {m.ReciprocalRank,6:0.000} {vocab,6} {part.Gaps(report: true).F1,6:0.000}  {string.Join(",", part.Jobs.Select(j => j.JobId))}"));
        }
    }

    public static IEmbeddingGenerator<string, Embedding<float>>? CreateGenerator(string name, SkillTaxonomy taxonomy) => name switch
    {
        "none" => null,
        "hashing" => new HashingEmbeddingGenerator(taxonomy.Analyzer),
        // The model the Embeddings service runs, in process (sentence-level best match instead of stored chunks).
        "use-lite" => new LocalUseLiteEmbeddingGenerator(UseLiteModel.Load(UseLiteModelDirectory.Resolve(null))),
        _ => throw new ArgumentException($"Unknown embeddings '{name}' (known: none, hashing, use-lite)."),
    };

    public static async Task PrintAsync(EvaluationReport report, string embeddings, string taxonomyName, bool verbose, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"Ranking evaluation: {report.Jobs.Count} jobs, semantic component: {embeddings}, taxonomy: {taxonomyName}");
        await output.WriteLineAsync();
        foreach (var scenario in new string?[] { null, "core", "stretch", "vocabulary_shift" })
        {
            var jobs = report.Jobs.Count(j => scenario is null || j.Scenario == scenario);
            await output.WriteLineAsync(string.Create(inv, $"{scenario ?? "overall"} ({jobs} jobs)"));
            await output.WriteLineAsync(string.Create(inv, $"  {"ranker",-10} {"nDCG@5",7} {"R@5",6} {"R@5cap",7} {"MRR",6}"));
            foreach (var ranker in report.Rankers)
            {
                var m = report.Mean(ranker, scenario);
                await output.WriteLineAsync(string.Create(inv,
                    $"  {ranker,-10} {m.Ndcg5,7:0.000} {m.Recall5,6:0.000} {m.CappedRecall5,7:0.000} {m.ReciprocalRank,6:0.000}"));
            }

            await output.WriteLineAsync();
        }

        await output.WriteLineAsync("Keyword gaps, the job's screening terms checked one by one (micro-averaged):");
        foreach (var scenario in new string?[] { null, "core", "stretch", "vocabulary_shift" })
        {
            var (p, r, f) = report.Gaps(scenario);
            await output.WriteLineAsync(string.Create(inv, $"  {scenario ?? "overall",-17} precision {p:0.000}  recall {r:0.000}  F1 {f:0.000}"));
        }

        await output.WriteLineAsync("Keyword gaps as the match response reports them (keyword_coverage.missing mapped onto the screening terms):");
        foreach (var scenario in new string?[] { null, "core", "stretch", "vocabulary_shift" })
        {
            var (p, r, f) = report.Gaps(scenario, report: true);
            await output.WriteLineAsync(string.Create(inv, $"  {scenario ?? "overall",-17} precision {p:0.000}  recall {r:0.000}  F1 {f:0.000}"));
        }

        if (!verbose)
        {
            return;
        }

        await output.WriteLineAsync();
        foreach (var job in report.Jobs)
        {
            var m = job.ByRanker["hybrid"];
            await output.WriteLineAsync(string.Create(inv,
                $"{job.JobId} ({job.Scenario}) hybrid nDCG@5 {m.Ndcg5:0.000} bm25 {job.ByRanker["bm25"].Ndcg5:0.000} top5 [{string.Join(", ", job.HybridRanking.Take(5))}]"));
            await output.WriteLineAsync($"  gaps predicted: {string.Join("; ", job.PredictedGaps)}  (tp {job.Gaps.Tp}, fp {job.Gaps.Fp}, fn {job.Gaps.Fn})");
            await output.WriteLineAsync($"  response missing: {string.Join("; ", job.ReportedMissing)}");
            await output.WriteLineAsync($"  response gaps mapped: {string.Join("; ", job.ReportGaps)}  (tp {job.ReportGapCounts.Tp}, fp {job.ReportGapCounts.Fp}, fn {job.ReportGapCounts.Fn})");
            foreach (var line in job.KeywordEvidence)
            {
                await output.WriteLineAsync($"    {line}");
            }
        }
    }

    /// <summary>Applies <c>--set Name=value</c> overrides to the ranking options (for exploring weights).</summary>
    public static RankingOptions ApplySettings(RankingOptions options, string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] != "--set")
            {
                continue;
            }

            var (name, value) = (args[i + 1].Split('=')[0], args[i + 1].Split('=')[1]);
            var property = typeof(RankingOptions).GetProperty(name) ?? throw new ArgumentException($"Unknown option {name}.");
            var copy = options with { };
            property.SetValue(copy, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
            options = copy;
        }

        return options;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
