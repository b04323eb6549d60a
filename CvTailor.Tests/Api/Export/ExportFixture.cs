using CvTailor.Api.Export;
using CvTailor.Api.Export.Renderers;
using CvTailor.Api.Generation.Content;
using CvTailor.Tests.Api.Generation;

namespace CvTailor.Tests.Api.Export;

/// <summary>Generated documents of the dev set and one shared exporter (fonts resolved once).</summary>
public static class ExportFixture
{
    static readonly Lazy<PdfFontSet> Fonts = new(() => PdfFontSet.Resolve(new PdfFontOptions()));
    static readonly DocumentGenerator Generator = new(DevData.Taxonomy);

    public static DocumentExporter Exporter { get; } = new(Fonts.Value);

    public static PersonalInfo Person(string userId) =>
        PersonalInfo.From(DevData.Profile(userId)) with { GithubUrl = "https://github.com/example-user", Location = "Leeds" };

    public static async Task<CvContent> CvAsync(string jobId)
    {
        var job = DevData.Job(jobId);
        return (await Generator.GenerateCvAsync(DevData.Request(job), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId))).Content;
    }

    public static async Task<CoverLetterContent> LetterAsync(string jobId)
    {
        var job = DevData.Job(jobId);
        return (await Generator.GenerateCoverLetterAsync(DevData.Request(job), DevData.Profile(job.UserId), DevData.Artifacts(job.UserId))).Content;
    }

    public static byte[] Export(CvContent cv, string userId, ExportFormat format, ExportOptions? options = null)
    {
        using var stream = new MemoryStream();
        Exporter.ExportCv(cv, Person(userId), format, options ?? new ExportOptions(), stream);
        return stream.ToArray();
    }

    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
