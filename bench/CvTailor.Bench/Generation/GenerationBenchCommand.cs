using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CvTailor.Api.Export;
using CvTailor.Api.Export.Renderers;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Bench.Ranking;

namespace CvTailor.Bench.Generation;

/// <summary>
/// <c>generation-bench [--artifacts N] [--iterations N] [--data PATH]</c>: p50/p95 of JD → CV JSON (parse, rank,
/// generate, ground, serialise) and CV → PDF for one synthetic user with N artifacts. Prints figures; asserts nothing.
/// </summary>
public static class GenerationBenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var artifactCount = IntOption(args, "--artifacts", 200);
        var iterations = IntOption(args, "--iterations", 50);
        var dataPath = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault()
                       ?? RelevanceDevSet.Locate(Directory.GetCurrentDirectory()) ?? RelevanceDevSet.Locate(AppContext.BaseDirectory);
        var jobDescription = dataPath is null ? FallbackPosting : RelevanceDevSet.Load(dataPath).Jobs[0].Description;

        var taxonomy = SkillTaxonomy.Default;
        var (profile, artifacts) = SyntheticUser.Create(artifactCount, seed: 42, taxonomy);
        var generator = new DocumentGenerator(taxonomy);
        using var fonts = PdfFontSet.Resolve(new PdfFontOptions());
        var exporter = new DocumentExporter(fonts);
        var request = new GenerationRequest
        {
            JobDescription = jobDescription,
            CompanyName = "Tallyrock",
            RoleTitle = "Senior Backend Engineer",
            AsOf = RelevanceDevSet.DefaultAsOf,
        };

        var generate = new List<double>();
        var render = new List<double>();
        var total = new List<double>();
        long pdfBytes = 0;
        for (var i = -5; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var cv = await generator.GenerateCvAsync(request, profile, artifacts, null, cancellationToken);
            _ = JsonSerializer.Serialize(new { content = cv.Content, metadata = cv.Metadata }, GenerationJson.Options);
            var t1 = clock.Elapsed.TotalMilliseconds;
            using var pdf = new MemoryStream();
            exporter.ExportCv(cv.Content, PersonalInfo.From(profile), ExportFormat.Pdf, new ExportOptions(), pdf);
            var t2 = clock.Elapsed.TotalMilliseconds;
            pdfBytes = pdf.Length;
            if (i >= 0)
            {
                generate.Add(t1);
                render.Add(t2 - t1);
                total.Add(t2);
            }
        }

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"Generation bench: {artifactCount} synthetic artifacts, {iterations} iterations (after 5 warm-up), {Environment.ProcessorCount} cores"));
        await output.WriteLineAsync(string.Create(inv, $"  JD -> CV JSON : p50 {Percentile(generate, 50),7:0.0} ms  p95 {Percentile(generate, 95),7:0.0} ms"));
        await output.WriteLineAsync(string.Create(inv, $"  CV -> PDF     : p50 {Percentile(render, 50),7:0.0} ms  p95 {Percentile(render, 95),7:0.0} ms  ({pdfBytes / 1024} KiB)"));
        await output.WriteLineAsync(string.Create(inv, $"  both together : p50 {Percentile(total, 50),7:0.0} ms  p95 {Percentile(total, 95),7:0.0} ms  (goal p95 <= 500 ms)"));
        return 0;
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

    const string FallbackPosting = """
        Senior Backend Engineer

        Requirements
        - 5+ years building backend services in Go or Java.
        - PostgreSQL schema design and query tuning.
        - Kafka and event-driven systems.

        Nice to have
        - Kubernetes in production.
        """;
}
