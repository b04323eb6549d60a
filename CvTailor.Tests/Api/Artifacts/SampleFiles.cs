using System.IO.Compression;
using System.Text;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Real (small) documents of each accepted format, built byte by byte, and a few impostors.</summary>
public static class SampleFiles
{
    /// <summary>A minimal one-page PDF.</summary>
    public static byte[] Pdf(string text = "Hello") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n" +
        $"4 0 obj<</Length {text.Length + 20}>>stream\nBT /F1 12 Tf ({text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A DOCX package: a ZIP with [Content_Types].xml and word/document.xml.</summary>
    public static byte[] Docx(string text = "Hello")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Write(zip, "word/document.xml",
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" +
                $"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>");
        }
        return buffer.ToArray();
    }

    /// <summary>A ZIP that is not a Word document.</summary>
    public static byte[] PlainZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "readme.txt", "not a word document");
        }
        return buffer.ToArray();
    }

    /// <summary>The OLE2 compound-file header of a legacy .doc, followed by padding to one sector.</summary>
    public static byte[] Doc()
    {
        var bytes = new byte[1024];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Markdown(string text = "# Project\n\nBuilt a **thing** — with ünïcödé.\n") => Encoding.UTF8.GetBytes(text);

    public static byte[] Text(string text = "Plain notes about the project.\n") => Encoding.UTF8.GetBytes(text);

    /// <summary>A PNG header: a format we do not accept.</summary>
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    static void Write(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
