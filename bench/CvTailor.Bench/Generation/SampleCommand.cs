using System.Text.Json;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Bench.Ranking;

namespace CvTailor.Bench.Generation;

/// <summary><c>generate-sample JOB_ID [--data PATH] [--letter]</c>: prints the CV (or cover letter) JSON for a dev posting.</summary>
public static class SampleCommand
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

        var user = data.Users.First(u => u.Id == job.UserId).ToProfile();
        var generator = new DocumentGenerator(SkillTaxonomy.Default);
        var request = new GenerationRequest
        {
            JobDescription = job.Description,
            CompanyName = job.Company,
            RoleTitle = job.RoleTitle,
            AsOf = RelevanceDevSet.DefaultAsOf,
        };
        var options = new JsonSerializerOptions(GenerationJson.Options) { WriteIndented = true };
        if (args.Contains("--letter"))
        {
            var letter = await generator.GenerateCoverLetterAsync(request, user, data.ArtifactsOf(job.UserId), null, cancellationToken);
            await output.WriteLineAsync(letter.Content.FullText);
            await output.WriteLineAsync(JsonSerializer.Serialize(letter.Metadata.Grounding, options));
            return 0;
        }

        var cv = await generator.GenerateCvAsync(request, user, data.ArtifactsOf(job.UserId), null, cancellationToken);
        await output.WriteLineAsync(JsonSerializer.Serialize(new { content = cv.Content, metadata = cv.Metadata }, options));
        return 0;
    }
}
