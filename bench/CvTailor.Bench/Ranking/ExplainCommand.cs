using System.Globalization;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Bench.Ranking;

/// <summary><c>ranking-explain JOB_ID [--data PATH]</c>: the parse of one dev posting and every artifact's score parts.</summary>
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
        var taxonomy = SkillTaxonomy.Default;
        var parsed = new JobDescriptionParser(taxonomy).Parse(job.Description, job.Company, job.RoleTitle);
        await output.WriteLineAsync($"{job.Id}: {parsed.RoleTitle} ({parsed.SeniorityLevel}), years {parsed.ExperienceRequirements.Years}");
        foreach (var r in parsed.Requirements)
        {
            await output.WriteLineAsync($"  [{r.Kind}] {r.Text}  => {string.Join(", ", r.Skills)}");
        }

        await output.WriteLineAsync($"  keywords: {string.Join(", ", parsed.Keywords.Select(k => k.Term))}");
        var match = await new ArtifactRanker(taxonomy).MatchAsync(parsed, data.ArtifactsOf(job.UserId), RelevanceDevSet.DefaultAsOf, null, cancellationToken);
        foreach (var r in match.Ranked)
        {
            var c = r.Components;
            await output.WriteLineAsync(string.Create(inv,
                $"{r.Rank,2} {r.ArtifactId} g{job.Relevance[r.ArtifactId]} score {r.Score:0.000} lex {c.Lexical:0.00} cov {c.Coverage:0.00} skill {c.SkillCoverage:0.00} rec {c.Recency:0.00}  {r.Title}"));
            await output.WriteLineAsync($"      {string.Join(" | ", r.CoveredRequirements.Select(x => $"{x.RequirementId}:{x.Via}:{string.Join('/', x.Skills)}"))}");
        }

        return 0;
    }
}
