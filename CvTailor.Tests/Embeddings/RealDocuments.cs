using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SkiaSharp;

namespace CvTailor.Tests.Embeddings;

/// <summary>Real PDF (SkiaSharp, embedded DejaVu text) and DOCX (OpenXml, Heading1 styles) files for extraction tests.</summary>
public static class RealDocuments
{
    public static byte[] Pdf(params string[] lines)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            // The Api's fonts/ folder (copied into this output by the build): SkiaSharp's native library has no fontconfig.
            using var typeface = SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, CvTailor.Api.Export.Renderers.PdfFontSet.BundledDirectory, "DejaVuSans.ttf"))
                ?? throw new InvalidOperationException("DejaVuSans.ttf is not in the test output's fonts/ folder.");
            using var font = new SKFont(typeface, 11);
            using var paint = new SKPaint { Color = SKColors.Black };
            var canvas = document.BeginPage(595, 842);
            var y = 60f;
            foreach (var line in lines)
            {
                canvas.DrawText(line, 50, y, SKTextAlign.Left, font, paint);
                y += line.Length == 0 ? 10 : 28;
            }
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    public static byte[] Docx(string heading, params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }),
                new Run(new Text(heading))));
            foreach (var text in paragraphs)
            {
                body.Append(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }
}
