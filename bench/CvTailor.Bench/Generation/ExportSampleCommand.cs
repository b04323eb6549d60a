using CvTailor.Api.Export;
using CvTailor.Api.Export.Renderers;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Bench.Ranking;

namespace CvTailor.Bench.Generation;

/// <summary><c>export-sample JOB_ID OUT_DIR [--evidence hyperlinks|footnotes|qr_codes]</c>: writes the CV and letter of a dev posting in every format.</summary>
public static class ExportSampleCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length < 2)
        {
            await output.WriteLineAsync("usage: export-sample JOB_ID OUT_DIR [--evidence hyperlinks|footnotes|qr_codes]");
            return 2;
        }

        var dataPath = RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        if (dataPath is null)
        {
            await output.WriteLineAsync("relevance-dev.json not found.");
            return 2;
        }

        var data = RelevanceDevSet.Load(dataPath);
        var job = data.Jobs.First(j => j.Id == args[0]);
        var evidenceArg = args.SkipWhile(a => a != "--evidence").Skip(1).FirstOrDefault() ?? "hyperlinks";
        var evidence = evidenceArg switch
        {
            "footnotes" => EvidenceFormat.Footnotes,
            "qr_codes" => EvidenceFormat.QrCodes,
            _ => EvidenceFormat.Hyperlinks,
        };
        var profile = data.Users.First(u => u.Id == job.UserId).ToProfile();
        var request = new GenerationRequest { JobDescription = job.Description, CompanyName = job.Company, RoleTitle = job.RoleTitle, AsOf = RelevanceDevSet.DefaultAsOf };
        var generator = new DocumentGenerator(SkillTaxonomy.Default);
        var cv = await generator.GenerateCvAsync(request, profile, data.ArtifactsOf(job.UserId), null, cancellationToken);
        var letter = await generator.GenerateCoverLetterAsync(request, profile, data.ArtifactsOf(job.UserId), null, cancellationToken);
        using var fonts = PdfFontSet.Resolve(new PdfFontOptions());
        var exporter = new DocumentExporter(fonts);
        var options = new ExportOptions { EvidenceFormat = evidence };
        Directory.CreateDirectory(args[1]);
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var path = Path.Combine(args[1], $"{job.Id}-cv.{ExportFormats.Extension(format)}");
            await using (var file = File.Create(path))
            {
                exporter.ExportCv(cv.Content, PersonalInfo.From(profile), format, options, file);
            }

            await output.WriteLineAsync(path);
            if (format != ExportFormat.JsonResume)
            {
                var letterPath = Path.Combine(args[1], $"{job.Id}-letter.{ExportFormats.Extension(format)}");
                await using var file = File.Create(letterPath);
                exporter.ExportCoverLetter(letter.Content, PersonalInfo.From(profile), format, options, file);
                await output.WriteLineAsync(letterPath);
            }
        }

        return 0;
    }
}
