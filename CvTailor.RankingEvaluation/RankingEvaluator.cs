using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.RankingEvaluation;

/// <summary>Runs the hybrid ranker and each of its components alone over the dev set and scores them.</summary>
public sealed class RankingEvaluator(SkillTaxonomy taxonomy, RankingOptions options, ISemanticScorer? semantic, DateOnly asOf)
{
    public async Task<EvaluationReport> EvaluateAsync(RelevanceDevSet data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parser = new JobDescriptionParser(taxonomy);
        var ranker = new ArtifactRanker(taxonomy, options, semantic);
        var results = new List<JobResult>();
        foreach (var job in data.Jobs)
        {
            var parsed = parser.Parse(job.Description, job.Company, job.RoleTitle);
            var match = await ranker.MatchAsync(parsed, data.ArtifactsOf(job.UserId), asOf, null, cancellationToken);
            var rankings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["hybrid"] = [.. match.Ranked.Select(r => r.ArtifactId)],
                ["bm25"] = By(match, c => c.Lexical),
                ["coverage"] = By(match, c => c.Coverage),
                ["skills"] = By(match, c => c.SkillCoverage),
                ["recency"] = By(match, c => c.Recency),
                ["focus"] = By(match, c => c.Focus),
            };
            if (semantic is not null)
            {
                rankings["semantic"] = By(match, c => c.Semantic);
            }

            var metrics = rankings.ToDictionary(
                kv => kv.Key,
                kv => new RankMetrics(
                    RankingMetrics.NdcgAt5(kv.Value, job.Relevance),
                    RankingMetrics.RecallAt5(kv.Value, job.Relevance),
                    RankingMetrics.RecallAt5(kv.Value, job.Relevance, capped: true),
                    RankingMetrics.ReciprocalRank(kv.Value, job.Relevance)),
                StringComparer.Ordinal);

            var terms = job.RequiredKeywords.Select(k => k.Term).ToList();
            var found = await ranker.FindTermsAsync(terms, [.. match.Ranked.Select(r => r.Profile)], cancellationToken);
            var gaps = terms.Where((_, i) => found[i] is null).ToList();
            var evidence = terms.Select((t, i) => (Term: t, Match: found[i])).ToList();
            var profiles = match.Ranked.Select(r => r.Profile).ToList();
            var termScores = semantic is null ? SemanticScores.Empty : await semantic.ScoreAsync(terms, profiles, cancellationToken);
            string Best(int i) => termScores.IsEmpty ? "" : $" best similarity {Enumerable.Range(0, profiles.Count).Max(a => termScores.Similarity(a, i)):0.00}";

            // What the match response itself reports: its own keywords, mapped onto the job's screening terms.
            var reported = match.Coverage.Matched.Select(m => (m.Keyword, Missing: false))
                .Concat(match.Coverage.Missing.Select(m => (m.Keyword, Missing: true))).ToList();
            var reportGaps = KeywordMapping.PredictedGaps(taxonomy.Analyzer, reported, terms);
            results.Add(new JobResult(job.Id, job.Scenario, metrics, gaps, RankingMetrics.GapCounts(gaps, job.RequiredKeywords),
                rankings["hybrid"], evidence.Select((e, i) => (e.Match is null ? $"{e.Term}: -" : $"{e.Term}: {e.Match.Profile.Id} ({e.Match.Via})")
                    + (job.RequiredKeywords[i].Evidenced ? "" : " [gold gap]") + Best(i)).ToList())
            {
                ReportGaps = reportGaps,
                ReportGapCounts = RankingMetrics.GapCounts(reportGaps, job.RequiredKeywords),
                ReportedMissing = [.. match.Coverage.Missing.Select(m => m.Keyword)],
                UserId = job.UserId,
            });
        }

        return new EvaluationReport(results, [.. results[0].ByRanker.Keys]);
    }

    static IReadOnlyList<string> By(MatchResult match, Func<ScoreComponents, double> component) =>
        [.. match.Ranked.OrderByDescending(r => component(r.Components)).ThenBy(r => r.ArtifactId, StringComparer.Ordinal).Select(r => r.ArtifactId)];
}

public sealed record RankMetrics(double Ndcg5, double Recall5, double CappedRecall5, double ReciprocalRank);

public sealed record JobResult(
    string JobId,
    string Scenario,
    IReadOnlyDictionary<string, RankMetrics> ByRanker,
    IReadOnlyList<string> PredictedGaps,
    (int Tp, int Fp, int Fn) Gaps,
    IReadOnlyList<string> HybridRanking,
    IReadOnlyList<string> KeywordEvidence)
{
    /// <summary>Screening terms the match response's own <c>keyword_coverage</c> reports as missing (mapped).</summary>
    public IReadOnlyList<string> ReportGaps { get; init; } = [];

    public (int Tp, int Fp, int Fn) ReportGapCounts { get; init; }

    public IReadOnlyList<string> ReportedMissing { get; init; } = [];

    public string UserId { get; init; } = "";
}

public sealed record EvaluationReport(IReadOnlyList<JobResult> Jobs, IReadOnlyList<string> Rankers)
{
    public static readonly IReadOnlyList<string> Scenarios = ["core", "stretch", "vocabulary_shift"];

    /// <summary>Unweighted mean over jobs (optionally of one scenario).</summary>
    public RankMetrics Mean(string ranker, string? scenario = null)
    {
        var jobs = Jobs.Where(j => scenario is null || j.Scenario == scenario).Select(j => j.ByRanker[ranker]).ToList();
        return new RankMetrics(
            jobs.Average(m => m.Ndcg5), jobs.Average(m => m.Recall5), jobs.Average(m => m.CappedRecall5), jobs.Average(m => m.ReciprocalRank));
    }

    /// <summary>
    /// The jobs split into <paramref name="folds"/> parts, alternating within each scenario in job-id order, so each
    /// part holds every scenario where there are enough jobs (nothing is fitted here: the parts show how much a
    /// figure depends on which postings it is measured on).
    /// </summary>
    public IReadOnlyList<EvaluationReport> Folds(int folds)
    {
        var assigned = Jobs.GroupBy(j => j.Scenario)
            .SelectMany(g => g.OrderBy(j => j.JobId, StringComparer.Ordinal).Select((j, i) => (Job: j, Fold: i % folds)))
            .ToList();
        return [.. Enumerable.Range(0, folds).Select(f => this with { Jobs = [.. assigned.Where(x => x.Fold == f).Select(x => x.Job)] })];
    }

    /// <summary>One report per person (their jobs only).</summary>
    public IReadOnlyList<(string UserId, EvaluationReport Report)> ByPerson() =>
        [.. Jobs.GroupBy(j => j.UserId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, this with { Jobs = [.. g] }))];

    /// <summary>Micro-averaged keyword-gap precision, recall and F1.</summary>
    public (double Precision, double Recall, double F1) Gaps(string? scenario = null, bool report = false)
    {
        return RankingMetrics.MicroAveragedGaps(Jobs.Where(j => scenario is null || j.Scenario == scenario).Select(j => report ? j.ReportGapCounts : j.Gaps));
    }
}
