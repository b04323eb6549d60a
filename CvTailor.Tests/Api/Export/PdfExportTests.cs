using System.Text;
using CvTailor.Api.Export;
using CvTailor.Api.Export.Layout;
using CvTailor.Tests.Api.Generation;
using UglyToad.PdfPig;

namespace CvTailor.Tests.Api.Export;

public class PdfExportTests
{
    static (string Text, List<string> Links, PdfDocumentInformationView Info, int Pages) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var words = new List<string>();
        var links = new List<string>();
        foreach (var page in document.GetPages())
        {
            words.AddRange(page.GetWords().Select(w => w.Text));
            links.AddRange(page.GetHyperlinks().Select(h => h.Uri));
        }

        return (string.Join(' ', words), links, new PdfDocumentInformationView(document.Information.Title, document.Information.Author), document.NumberOfPages);
    }

    public sealed record PdfDocumentInformationView(string? Title, string? Author);

    [Theory]
    [InlineData("u1-j1")]
    [InlineData("u2-j4")]
    [InlineData("u3-j2")]
    public async Task Pdf_text_has_name_headings_in_order_every_bullet_and_nothing_foreign(string jobId)
    {
        var userId = DevData.Job(jobId).UserId;
        var cv = await ExportFixture.CvAsync(jobId);
        var pdf = ExportFixture.Export(cv, userId, ExportFormat.Pdf);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var (text, links, info, _) = Read(pdf);
        var name = ExportFixture.Person(userId).Name;

        Assert.StartsWith(name, text, StringComparison.Ordinal);
        Assert.Equal($"CV - {name}", info.Title);
        Assert.Equal(name, info.Author);
        var headings = new[] { SectionTitles.ProfessionalSummary, SectionTitles.KeySkills, SectionTitles.Experience, SectionTitles.Projects, SectionTitles.Education };
        var positions = headings.Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        foreach (var bullet in cv.Experience.SelectMany(e => e.Achievements))
        {
            Assert.Contains(ExportFixture.Normalise(bullet), text, StringComparison.Ordinal);
        }

        foreach (var project in cv.Projects)
        {
            Assert.Contains(ExportFixture.Normalise(project.Name), text, StringComparison.Ordinal);
        }

        foreach (var foreign in DevData.ForeignPhrases(userId))
        {
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);
        }

        // Evidence as real link annotations (default format: hyperlinks), plus the profile link.
        foreach (var url in cv.Experience.SelectMany(e => e.EvidenceReferences).Concat(cv.Projects.Select(p => p.EvidenceUrl)).Where(u => u.Length > 0))
        {
            Assert.Contains(url, links);
        }

        Assert.Contains("https://github.com/example-user", links);
    }

    [Fact]
    public async Task Fonts_are_embedded()
    {
        var pdf = ExportFixture.Export(await ExportFixture.CvAsync("u1-j2"), "u1", ExportFormat.Pdf);
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.Contains(fonts, f => f?.Contains("DejaVuSans-Bold", StringComparison.Ordinal) == true);
        Assert.Contains(fonts, f => f?.EndsWith("DejaVuSans", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Sections_switches_and_footnote_evidence_are_honoured()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        var options = new ExportOptions
        {
            EvidenceFormat = EvidenceFormat.Footnotes,
            Sections = new ExportSections { IncludeSkills = false, IncludeEducation = false },
            Watermark = new Watermark("DRAFT", 0.3),
        };
        var pdf = ExportFixture.Export(cv, "u1", ExportFormat.Pdf, options);
        var (text, links, _, _) = Read(pdf);
        Assert.DoesNotContain(SectionTitles.KeySkills, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SectionTitles.Education, text, StringComparison.Ordinal);
        Assert.Contains(SectionTitles.Evidence, text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        using (var document = PdfDocument.Open(pdf))
        {
            // The watermark is drawn rotated on every page: its letters are there, outside the word flow.
            Assert.All(document.GetPages(), page => Assert.Contains("DRAFT", page.Text, StringComparison.Ordinal));
        }

        Assert.True(text.IndexOf(SectionTitles.Evidence, StringComparison.Ordinal) > text.IndexOf(SectionTitles.Projects, StringComparison.Ordinal));
        Assert.Contains(cv.Projects[0].EvidenceUrl, links);
    }

    [Fact]
    public async Task Qr_codes_are_drawn_and_clickable_and_no_evidence_means_no_links()
    {
        var cv = await ExportFixture.CvAsync("u2-j1");
        var urls = cv.Experience.SelectMany(e => e.EvidenceReferences).Concat(cv.Projects.Select(p => p.EvidenceUrl)).Where(u => u.Length > 0).Distinct().ToList();
        Assert.NotEmpty(urls);
        var withQr = Read(ExportFixture.Export(cv, "u2", ExportFormat.Pdf, new ExportOptions { EvidenceFormat = EvidenceFormat.QrCodes }));
        // Each evidence URL is linked twice: its text and its QR code.
        Assert.All(urls, u => Assert.Equal(2, withQr.Links.Count(l => l == u)));

        var none = Read(ExportFixture.Export(cv, "u2", ExportFormat.Pdf, new ExportOptions { IncludeEvidence = false }));
        Assert.DoesNotContain(none.Links, l => urls.Contains(l));
        Assert.DoesNotContain(SectionTitles.Evidence, none.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cover_letter_pdf_cites_its_evidence_links()
    {
        var letter = await ExportFixture.LetterAsync("u3-j1");
        using var stream = new MemoryStream();
        ExportFixture.Exporter.ExportCoverLetter(letter, ExportFixture.Person("u3"), ExportFormat.Pdf, new ExportOptions(), stream);
        var (text, links, info, _) = Read(stream.ToArray());
        Assert.Contains("Orchardly", text, StringComparison.Ordinal);
        Assert.All(letter.Evidence, e => Assert.Contains(e.Url, links));
        Assert.Equal("Cover letter - Noor Castellanos", info.Title);
    }

    [Fact]
    public async Task Concurrent_exports_do_not_mix_users()
    {
        var jobs = DevData.Set.Jobs.ToList();
        var cvs = await Task.WhenAll(jobs.Select(j => ExportFixture.CvAsync(j.Id)));
        var results = await Task.WhenAll(jobs.Select((j, i) => Task.Run(() => (j.UserId, Pdf: ExportFixture.Export(cvs[i], j.UserId, ExportFormat.Pdf)))));
        foreach (var (userId, pdf) in results)
        {
            var text = Read(pdf).Text;
            Assert.StartsWith(ExportFixture.Person(userId).Name, text, StringComparison.Ordinal);
            Assert.All(DevData.ForeignPhrases(userId), f => Assert.DoesNotContain(f, text, StringComparison.Ordinal));
        }
    }
}
