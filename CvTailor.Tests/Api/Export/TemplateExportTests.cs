using System.Globalization;
using CvTailor.Api.Export;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Export.Layout;
using CvTailor.Api.Export.Renderers;
using CvTailor.Data.Export;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace CvTailor.Tests.Api.Export;

/// <summary>The built-in templates' looks, read back from the rendered PDF (PdfPig) and DOCX (OpenXml styles).</summary>
public sealed class TemplateExportTests
{
    static TemplateStyle Seeded(string name) => TemplateStyle.FromConfig(ExportTemplateSeed.All.Single(t => t.Name == name).Config);

    static ExportOptions WithTemplate(string name, string storedOptions = """{"options": {}, "sections": {}, "watermark": null}""") =>
        StoredExportOptions.Read(storedOptions, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), Seeded(name)) with { CreatedAt = null };

    /// <summary>Page-1 facts: fonts of the letters, leftmost text x, body size, heading letters and their colour.</summary>
    sealed record PdfLook(IReadOnlyList<string> Fonts, double Left, double BodySize, string HeadingColor, IReadOnlyList<string> Headings);

    static PdfLook ReadPdf(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        var fonts = letters.Select(l => l.FontName ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var words = page.GetWords().ToList();
        var bodySize = letters.GroupBy(l => Math.Round(l.PointSize, 1)).OrderByDescending(g => g.Count()).First().Key;
        // Headings are the only bold lines two points above the body size.
        var headingLetters = letters.Where(l => Math.Abs(l.PointSize - (bodySize + 2)) < 0.05).ToList();
        var lines = headingLetters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value))).ToList();
        return new PdfLook(fonts, letters.Min(l => l.StartBaseLine.X), bodySize, Hex(headingLetters[0].Color.ToRGBValues()), lines);
    }

    static string Hex((double R, double G, double B) rgb) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(rgb.R * 255):X2}{(int)Math.Round(rgb.G * 255):X2}{(int)Math.Round(rgb.B * 255):X2}");

    [Fact]
    public void Every_seeded_config_is_read_as_written()
    {
        Assert.Equal(4, ExportTemplateSeed.All.Count);
        Assert.Equal(["Professional", "Modern Tech", "Classic", "Creative"], ExportTemplateSeed.All.Select(t => t.Name));
        Assert.Equal([1, 2, 3, 4], ExportTemplateSeed.Ids);
        var looks = ExportTemplateSeed.All.Select(t => TemplateStyle.FromConfig(t.Config)).ToList();
        Assert.All(looks, s => Assert.NotNull(s.PageMargins));
        Assert.All(looks, s => Assert.NotNull(s.FontSize));
        Assert.All(looks, s => Assert.NotNull(s.ColorScheme));
        Assert.All(looks, s => Assert.Equal(6, s.SectionOrder.Distinct().Count()));
        Assert.Equal(4, looks.Select(s => (s.HeadingStyle, s.AccentColor)).Distinct().Count());
        Assert.Equal(TemplateFont.Serif, Seeded("Classic").Font);
        Assert.Equal(("0F766E", HeadingStyle.AccentRule, HeaderLayout.Left, PageMargins.Narrow, 10, ColorScheme.FullColor),
            (Seeded("Modern Tech").AccentColor, Seeded("Modern Tech").HeadingStyle, Seeded("Modern Tech").HeaderLayout,
             Seeded("Modern Tech").PageMargins, Seeded("Modern Tech").FontSize, Seeded("Modern Tech").ColorScheme));
    }

    [Fact]
    public async Task Professional_and_classic_pdfs_differ_in_font_colour_margins_headings_and_order()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        var professional = ReadPdf(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Professional")));
        var classic = ReadPdf(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Classic")));

        Assert.All(professional.Fonts, f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
        Assert.All(classic.Fonts, f => Assert.Contains("DejaVuSerif", f, StringComparison.Ordinal));
        Assert.Contains(classic.Fonts, f => f.EndsWith("DejaVuSerif-Bold", StringComparison.Ordinal));
        Assert.Equal(72, professional.Left, 0);   // normal margins, 1 in
        Assert.Equal(90, classic.Left, 0);        // wide margins, 1.25 in
        Assert.Equal("1F4E79", professional.HeadingColor);
        Assert.Equal("000000", classic.HeadingColor);
        // Heading lines as letters (spaces are not drawn as glyphs).
        Assert.Equal("ProfessionalSummary", professional.Headings[0]);
        Assert.Equal("PROFESSIONALSUMMARY", classic.Headings[0]); // capitalised headings
        // Classic puts education before skills.
        Assert.Equal(
            [SectionTitles.ProfessionalSummary, SectionTitles.Experience, SectionTitles.Education, SectionTitles.KeySkills, SectionTitles.Projects],
            Titles(ExportFixture.Export(cv, "u1", ExportFormat.Markdown, WithTemplate("Classic"))).Take(5));
    }

    [Fact]
    public async Task Modern_tech_and_creative_pdfs_have_their_margins_size_colours_and_header()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        var modernBytes = ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Modern Tech"));
        var modern = ReadPdf(modernBytes);
        var creative = ReadPdf(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Creative")));

        Assert.Equal(36, modern.Left, 0);   // narrow margins
        Assert.Equal(10, modern.BodySize, 1);
        Assert.Equal("0F766E", modern.HeadingColor);
        Assert.Equal("FFFFFF", creative.HeadingColor); // white on the purple band
        Assert.Equal(11, creative.BodySize, 1);

        // Left-aligned header: the name starts at the margin (Professional centres it).
        using (var pdf = PdfDocument.Open(modernBytes))
        {
            var name = pdf.GetPage(1).GetWords().First();
            Assert.Equal(36, name.BoundingBox.Left, 0);
        }

        using (var pdf = PdfDocument.Open(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Professional"))))
        {
            Assert.True(pdf.GetPage(1).GetWords().First().BoundingBox.Left > 150);
        }

        // The band is a filled rectangle in the accent colour behind the heading.
        using (var pdf = PdfDocument.Open(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, WithTemplate("Creative"))))
        {
            var fills = pdf.GetPage(1).Paths.Where(p => p.IsFilled && p.FillColor is not null)
                .Select(p => Hex(p.FillColor!.ToRGBValues())).ToList();
            Assert.Contains("7B2D8E", fills);
        }

        // Projects before experience in both.
        var titles = Titles(ExportFixture.Export(cv, "u1", ExportFormat.Markdown, WithTemplate("Modern Tech")));
        Assert.True(titles.IndexOf(SectionTitles.Projects) < titles.IndexOf(SectionTitles.Experience));
    }

    [Fact]
    public async Task Options_given_at_export_override_the_template_defaults()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        var options = WithTemplate("Modern Tech", """{"options": {"page_margins": "wide", "font_size": 12, "color_scheme": "monochrome"}, "sections": {}, "watermark": null}""");
        Assert.Equal((PageMargins.Wide, 12, ColorScheme.Monochrome), (options.PageMargins, options.FontSize, options.ColorScheme));

        var look = ReadPdf(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, options));
        Assert.Equal(90, look.Left, 0);
        Assert.Equal(12, look.BodySize, 1);
        Assert.Equal("000000", look.HeadingColor);
        // What the options do not name still comes from the template: its order and left-aligned header.
        var titles = Titles(ExportFixture.Export(cv, "u1", ExportFormat.Markdown, options));
        Assert.True(titles.IndexOf(SectionTitles.Projects) < titles.IndexOf(SectionTitles.Experience));

        // Without a template the same missing options are the renderer's defaults.
        var plain = StoredExportOptions.Read("""{"options": {}, "sections": {}}""", DateTime.UtcNow);
        Assert.Equal((PageMargins.Normal, 11, ColorScheme.Monochrome), (plain.PageMargins, plain.FontSize, plain.ColorScheme));
        Assert.Same(TemplateStyle.Default, plain.Style);
    }

    [Fact]
    public async Task An_empty_template_config_renders_exactly_like_no_template()
    {
        var cv = await ExportFixture.CvAsync("u1-j2");
        var none = StoredExportOptions.Read("""{"options": {}}""", DateTime.UtcNow) with { CreatedAt = null };
        var empty = StoredExportOptions.Read("""{"options": {}}""", DateTime.UtcNow, TemplateStyle.FromConfig("{}")) with { CreatedAt = null };
        var broken = StoredExportOptions.Read("""{"options": {}}""", DateTime.UtcNow, TemplateStyle.FromConfig("not json")) with { CreatedAt = null };

        Assert.Equal(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, none), ExportFixture.Export(cv, "u1", ExportFormat.Pdf, empty));
        Assert.Equal(ExportFixture.Export(cv, "u1", ExportFormat.Pdf, none), ExportFixture.Export(cv, "u1", ExportFormat.Pdf, broken));
    }

    [Fact]
    public async Task Docx_styles_carry_the_template_font_colour_and_heading_look()
    {
        var cv = await ExportFixture.CvAsync("u1-j1");
        Style Heading2(string template, out string font, out JustificationValues? nameAlignment)
        {
            using var stream = new MemoryStream(ExportFixture.Export(cv, "u1", ExportFormat.Docx, WithTemplate(template)));
            using var docx = WordprocessingDocument.Open(stream, false);
            var main = docx.MainDocumentPart!;
            var styles = main.StyleDefinitionsPart!.Styles!;
            font = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.Ascii!.Value!;
            var name = main.Document!.Body!.Elements<Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1");
            nameAlignment = name.ParagraphProperties!.Justification?.Val?.Value;
            return (Style)styles.Elements<Style>().Single(s => s.StyleId == "Heading2").CloneNode(true);
        }

        var professional = Heading2("Professional", out var professionalFont, out var professionalName);
        var classic = Heading2("Classic", out var classicFont, out var classicName);
        var modern = Heading2("Modern Tech", out _, out var modernName);
        var creative = Heading2("Creative", out _, out _);

        Assert.Equal(("Calibri", "Cambria"), (professionalFont, classicFont));
        Assert.Equal(JustificationValues.Center, professionalName);
        Assert.Equal(JustificationValues.Center, classicName);
        Assert.Null(modernName); // left-aligned header
        Assert.Equal("1F4E79", professional.StyleRunProperties!.Color!.Val!.Value);
        Assert.Null(professional.StyleParagraphProperties!.ParagraphBorders);
        Assert.Equal("000000", classic.StyleRunProperties!.Color!.Val!.Value);
        Assert.NotNull(classic.StyleRunProperties.Caps);
        Assert.Equal("0F766E", modern.StyleParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value);
        Assert.Equal(12u, modern.StyleParagraphProperties.ParagraphBorders.BottomBorder.Size!.Value);
        Assert.Equal("7B2D8E", creative.StyleParagraphProperties!.Shading!.Fill!.Value);
        Assert.Equal("FFFFFF", creative.StyleRunProperties!.Color!.Val!.Value);
    }

    [Fact]
    public async Task A_serif_template_falls_back_to_the_sans_family_when_serif_files_are_missing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cvtailor-fonts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using (var system = PdfFontSet.Resolve(new PdfFontOptions()))
            {
                // Copy the two sans files the system resolves, and no serif file.
                foreach (var (face, file) in new[] { (system.Regular, "DejaVuSans.ttf"), (system.Bold, "DejaVuSans-Bold.ttf") })
                {
                    using var stream = face.OpenStream();
                    var bytes = new byte[stream.Length];
                    Assert.Equal(bytes.Length, stream.Read(bytes, bytes.Length));
                    await File.WriteAllBytesAsync(Path.Combine(directory, file), bytes);
                }
            }

            using var fonts = PdfFontSet.Resolve(new PdfFontOptions { FontDirectory = directory });
            Assert.Same(fonts.Regular, fonts.For(TemplateFont.Serif).Regular);
            using var output = new MemoryStream();
            new DocumentExporter(fonts).ExportCv(await ExportFixture.CvAsync("u1-j1"), ExportFixture.Person("u1"), ExportFormat.Pdf, WithTemplate("Classic"), output);
            var look = ReadPdf(output.ToArray());
            Assert.All(look.Fonts, f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
            Assert.Equal(90, look.Left, 0); // the other properties still apply
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static List<string> Titles(byte[] markdown) =>
        [.. System.Text.Encoding.UTF8.GetString(markdown).Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..])];
}
