using System.Globalization;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Bench.Ranking;

/// <summary>
/// <c>ranking-explain JOB_ID [--data PATH] [--embeddings none|hashing|use-lite] [--taxonomy NAME] [--set Option=value]</c>: the parse of
/// one dev posting and every artifact's score parts; with embeddings also each requirement's best-matching artifacts
/// by meaning, so a reader sees why an artifact described in other words ranks where it does.
/// </summary>
public static class ExplainCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var jobId = args.FirstOrDefault() ?? "";
        var dataPath = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault()
                       ?? RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        if (dataPath is null)
        {
            await output.WriteLineAsync("relevance-dev.json not found; pass --data PATH.");
            return 2;
        }

        var data = RelevanceDevSet.Load(dataPath);
        var job = data.Jobs.FirstOrDefault(j => j.Id == jobId);
        if (job is null)
        {
            await output.WriteLineAsync($"No job '{jobId}'.");
            return 2;
        }

        var inv = CultureInfo.InvariantCulture;
        var taxonomy = RankingEvalCommand.Taxonomy(args.SkipWhile(a => a != "--taxonomy").Skip(1).FirstOrDefault(), data, []);
        var parsed = new JobDescriptionParser(taxonomy).Parse(job.Description, job.Company, job.RoleTitle);
        await output.WriteLineAsync($"{job.Id}: {parsed.RoleTitle} ({parsed.SeniorityLevel}), years {parsed.ExperienceRequirements.Years}");
        foreach (var r in parsed.Requirements)
        {
            await output.WriteLineAsync($"  [{r.Kind}] {r.Text}  => {string.Join(", ", r.Skills)}");
        }

        await output.WriteLineAsync($"  keywords: {string.Join(", ", parsed.Keywords.Select(k => k.Term))}");
        var embeddings = args.SkipWhile(a => a != "--embeddings").Skip(1).FirstOrDefault() ?? "none";
        using var generator = RankingEvalCommand.CreateGenerator(embeddings, taxonomy);
        var semantic = generator is null ? null : new EmbeddingSemanticScorer(generator, embeddings);
        var options = RankingEvalCommand.ApplySettings(new RankingOptions(), args);
        var artifacts = data.ArtifactsOf(job.UserId);
        var match = await new ArtifactRanker(taxonomy, options, semantic).MatchAsync(parsed, artifacts, RelevanceDevSet.DefaultAsOf, null, cancellationToken);
        if (semantic is not null)
        {
            // Per requirement, the three artifacts whose best sentence is closest in meaning (grade in brackets).
            var profiles = match.Ranked.Select(r => r.Profile).ToList();
            var requirements = parsed.RankedRequirements.ToList();
            var scores = await semantic.ScoreAsync([.. requirements.Select(r => r.Text)], profiles, cancellationToken);
            for (var q = 0; q < requirements.Count; q++)
            {
                var top = Enumerable.Range(0, profiles.Count).OrderByDescending(a => scores.Similarity(a, q)).Take(3)
                    .Select(a => string.Create(inv, $"{profiles[a].Id}[g{job.Relevance[profiles[a].Id]}] {scores.Similarity(a, q):0.00}"));
                await output.WriteLineAsync($"  {requirements[q].Id} best by meaning: {string.Join(", ", top)}  ({Shorten(requirements[q].Text)})");
            }

            if (args.Contains("--matrix"))
            {
                // Every requirement's best-sentence similarity per artifact, artifacts by grade (best first).
                var byGrade = Enumerable.Range(0, profiles.Count).OrderByDescending(a => job.Relevance[profiles[a].Id]).ThenBy(a => profiles[a].Id, StringComparer.Ordinal).ToList();
                await output.WriteLineAsync("      " + string.Concat(byGrade.Select(a => $" {profiles[a].Id[^3..]}g{job.Relevance[profiles[a].Id]}")));
                for (var q = 0; q < requirements.Count; q++)
                {
                    await output.WriteLineAsync($"  {requirements[q].Id,-4}" + string.Concat(byGrade.Select(a => string.Create(inv, $" {scores.Similarity(a, q),6:0.00}"))));
                }
            }
        }

        foreach (var r in match.Ranked)
        {
            var c = r.Components;
            await output.WriteLineAsync(string.Create(inv,
                $"{r.Rank,2} {r.ArtifactId} g{job.Relevance[r.ArtifactId]} score {r.Score:0.000} lex {c.Lexical:0.00} cov {c.Coverage:0.00} skill {c.SkillCoverage:0.00} sem {c.Semantic:0.00} focus {c.Focus:0.00} rec {c.Recency:0.00}  {r.Title}"));
            await output.WriteLineAsync($"      {string.Join(" | ", r.CoveredRequirements.Select(x => $"{x.RequirementId}:{x.Via}:{string.Join('/', x.Skills)}"))}");
        }

        return 0;
    }

    static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
