using System.Diagnostics;
using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// Text of a PDF with PdfPig, in reading order, one section per page (heading <c>Page n</c>), paragraphs by blank
/// lines. Bounded: a document over <see cref="ExtractionOptions.MaxPdfPages"/> is refused before any page is read,
/// reading stops at <c>maxCharacters</c>, and a document still being read after
/// <see cref="ExtractionOptions.MaxExtractionTime"/> (checked between pages) is refused.
/// </summary>
public static class PdfTextExtractor
{
    public static IReadOnlyList<TextBlock> Extract(string path, string name, int maxCharacters, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var blocks = new List<TextBlock>();
        var total = 0;
        using var document = PdfDocument.Open(path);
        if (document.NumberOfPages > options.MaxPdfPages)
        {
            throw new ExtractionLimitException(string.Create(CultureInfo.InvariantCulture,
                $"File {name} was not processed: it has {document.NumberOfPages} pages (limit {options.MaxPdfPages})."));
        }
        foreach (var page in document.GetPages())
        {
            if (Stopwatch.GetElapsedTime(started) > options.MaxExtractionTime)
            {
                throw new ExtractionLimitException(string.Create(CultureInfo.InvariantCulture,
                    $"File {name} was not processed: reading its text took longer than {options.MaxExtractionTime.TotalSeconds:0.#} s (limit)."));
            }
            var text = ContentOrderTextExtractor.GetText(page);
            foreach (var paragraph in ParagraphSplitter.Split(text))
            {
                if (total >= maxCharacters)
                {
                    return blocks;
                }
                var taken = paragraph.Length <= maxCharacters - total ? paragraph : paragraph[..(maxCharacters - total)];
                blocks.Add(new TextBlock($"Page {page.Number}", taken));
                total += taken.Length;
            }
        }
        return blocks;
    }
}
