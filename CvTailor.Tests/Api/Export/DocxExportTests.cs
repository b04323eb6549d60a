using CvTailor.Api.Export;
using CvTailor.Api.Export.Layout;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CvTailor.Tests.Api.Export;

public class DocxExportTests
{
    [Fact]
    public async Task Docx_uses_real_heading_styles_bullets_and_hyperlinks()
    {
        var cv = await ExportFixture.CvAsync("u1-j2");
        var bytes = ExportFixture.Export(cv, "u1", ExportFormat.Docx);
        using var stream = new MemoryStream(bytes);
        using var docx = WordprocessingDocument.Open(stream, false);
        var main = docx.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToList();
        Assert.Equal("heading 1", styles.Single(s => s.StyleId == "Heading1").StyleName!.Val!.Value);
        Assert.Equal("heading 2", styles.Single(s => s.StyleId == "Heading2").StyleName!.Val!.Value);

        var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
        string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
        var name = Assert.Single(paragraphs, p => StyleOf(p) == "Heading1");
        Assert.Equal("Tomasz Reyes", name.InnerText);
        Assert.Equal(
            [SectionTitles.ProfessionalSummary, SectionTitles.KeySkills, SectionTitles.Experience, SectionTitles.Projects, SectionTitles.Education, SectionTitles.Certifications],
            paragraphs.Where(p => StyleOf(p) == "Heading2").Select(p => p.InnerText));
        var bullets = paragraphs.Where(p => StyleOf(p) == "ListBullet").Select(p => p.InnerText).ToList();
        Assert.Equal(cv.Experience.SelectMany(e => e.Achievements), bullets);

        var targets = main.HyperlinkRelationships.Select(r => r.Uri.ToString()).ToList();
        Assert.Contains("https://github.com/example-user", targets);
        Assert.All(cv.Projects.Select(p => p.EvidenceUrl).Where(u => u.Length > 0), u => Assert.Contains(u, targets));
        Assert.Equal("CV - Tomasz Reyes", docx.PackageProperties.Title);
        Assert.Equal("Tomasz Reyes", docx.PackageProperties.Creator);
    }

    [Fact]
    public async Task Docx_embeds_qr_codes_and_honours_sections()
    {
        var cv = await ExportFixture.CvAsync("u3-j2");
        var options = new ExportOptions { EvidenceFormat = EvidenceFormat.QrCodes, Sections = new ExportSections { IncludeProfessionalSummary = false } };
        using var stream = new MemoryStream(ExportFixture.Export(cv, "u3", ExportFormat.Docx, options));
        using var docx = WordprocessingDocument.Open(stream, false);
        var main = docx.MainDocumentPart!;
        var urls = cv.Experience.SelectMany(e => e.EvidenceReferences).Concat(cv.Projects.Select(p => p.EvidenceUrl)).Where(u => u.Length > 0).Distinct().Count();
        Assert.Equal(urls, main.ImageParts.Count());
        var text = main.Document!.Body!.InnerText;
        Assert.DoesNotContain(SectionTitles.ProfessionalSummary, text, StringComparison.Ordinal);
        Assert.Contains(SectionTitles.Evidence, text, StringComparison.Ordinal);
    }
}
