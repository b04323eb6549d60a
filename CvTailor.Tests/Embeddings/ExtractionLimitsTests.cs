using CvTailor.Data.Files;
using CvTailor.Embeddings.Extraction;

namespace CvTailor.Tests.Embeddings;

/// <summary>The extractors' bounds on real files written to disk: archive checks, the text cap, PDF pages.</summary>
public sealed class ExtractionLimitsTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("cvtailor-extraction-").FullName;

    string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_docx_keeps_body_order_and_heading_sections()
    {
        var path = Write("cv.docx", RealDocuments.Docx("Experience", "Built a search service.", "Ran the on-call rota."));
        var blocks = DocxTextExtractor.Extract(path, "cv.docx", 10_000, new ExtractionOptions());
        Assert.Equal([new TextBlock("Experience", "Built a search service."), new TextBlock("Experience", "Ran the on-call rota.")], blocks);
    }

    [Fact]
    public void Reading_stops_at_the_text_cap_without_inflating_the_rest()
    {
        // 40 MB of text under the per-entry limit, with the ratio check off so the streaming path is what bounds it.
        var path = Write("long.docx", ZipBomb.Docx(40L * 1024 * 1024));
        var options = new ExtractionOptions { Archive = new ArchiveLimits { MaxCompressionRatio = int.MaxValue } };
        var blocks = DocxTextExtractor.Extract(path, "long.docx", 10_000, options);
        Assert.Equal(10_000, blocks.Sum(b => b.Text.Length));
    }

    [Theory]
    [InlineData(300L * 1024 * 1024, "word/document.xml inflates to")]
    [InlineData(8L * 1024 * 1024, "word/document.xml is compressed")]
    public void A_bomb_is_refused_from_its_central_directory_with_the_reason(long inflated, string reason)
    {
        var path = Write("bomb.docx", ZipBomb.Docx(inflated));
        var error = Assert.Throws<ExtractionLimitException>(() => DocxTextExtractor.Extract(path, "bomb.docx", 10_000, new ExtractionOptions()));
        Assert.StartsWith($"File bomb.docx was not processed: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_over_the_page_limit_is_refused_before_reading()
    {
        var path = Write("cv.pdf", RealDocuments.Pdf("Experience", "Built a search service."));
        Assert.NotEmpty(PdfTextExtractor.Extract(path, "cv.pdf", 10_000, new ExtractionOptions()));
        var error = Assert.Throws<ExtractionLimitException>(() => PdfTextExtractor.Extract(path, "cv.pdf", 10_000, new ExtractionOptions { MaxPdfPages = 0 }));
        Assert.Equal("File cv.pdf was not processed: it has 1 pages (limit 0).", error.Message);
    }

    [Fact]
    public void A_pdf_read_past_the_time_limit_is_refused()
    {
        var path = Write("cv.pdf", RealDocuments.Pdf("Experience"));
        var error = Assert.Throws<ExtractionLimitException>(() =>
            PdfTextExtractor.Extract(path, "cv.pdf", 10_000, new ExtractionOptions { MaxExtractionTime = TimeSpan.Zero }));
        Assert.StartsWith("File cv.pdf was not processed: reading its text took longer than", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
