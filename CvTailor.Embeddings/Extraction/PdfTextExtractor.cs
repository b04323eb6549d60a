using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace CvTailor.Embeddings.Extraction;

/// <summary>Text of a PDF with PdfPig, in reading order, one section per page (heading <c>Page n</c>), paragraphs by blank lines.</summary>
public static class PdfTextExtractor
{
    public static IReadOnlyList<TextBlock> Extract(string path, int maxCharacters)
    {
        var blocks = new List<TextBlock>();
        var total = 0;
        using var document = PdfDocument.Open(path);
        foreach (var page in document.GetPages())
        {
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
