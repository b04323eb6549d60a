using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CvTailor.Embeddings.Extraction;

/// <summary>Text of a DOCX with DocumentFormat.OpenXml: paragraphs in body order; Title/Heading styles open sections.</summary>
public static class DocxTextExtractor
{
    public static IReadOnlyList<TextBlock> Extract(string path, int maxCharacters)
    {
        var blocks = new List<TextBlock>();
        using var document = WordprocessingDocument.Open(path, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return blocks;
        }
        string? heading = null;
        var total = 0;
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            var text = ParagraphSplitter.Collapse(paragraph.InnerText).Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                heading = text;
                continue;
            }
            if (total >= maxCharacters)
            {
                break;
            }
            var taken = text.Length <= maxCharacters - total ? text : text[..(maxCharacters - total)];
            blocks.Add(new TextBlock(heading, taken));
            total += taken.Length;
        }
        return blocks;
    }
}
