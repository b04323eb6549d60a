using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// A decompression bomb shaped as a DOCX, built in memory for each test (never committed as a binary): a valid
/// package whose <c>word/document.xml</c> is one repeated paragraph inflating to <paramref name="inflatedBytes"/>.
/// Deflate's best ratio (~1000:1) makes 300 MB of XML a few hundred KB on disk.
/// </summary>
public static class ZipBomb
{
    const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """;

    const string Relationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;

    /// <param name="inflatedBytes">What <c>word/document.xml</c> really inflates to.</param>
    /// <param name="declaredBytes">
    /// When set, the size the ZIP headers declare for that entry instead (a lying archive that passes a central
    /// directory check and can only be caught while inflating); its paragraphs are then empty, so no text cap stops
    /// the reading early either.
    /// </param>
    public static byte[] Docx(long inflatedBytes, uint? declaredBytes = null)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes);
            Write(zip, "_rels/.rels", Relationships);
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var head = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
            var tail = Encoding.UTF8.GetBytes("</w:body></w:document>");
            var paragraph = Encoding.UTF8.GetBytes(declaredBytes is null
                ? "<w:p><w:r><w:t>" + new string('A', 1000) + "</w:t></w:r></w:p>"
                : string.Concat(Enumerable.Repeat("<w:p><w:r/></w:p>", 60)));
            var block = new byte[paragraph.Length * 64];
            for (var i = 0; i < 64; i++)
            {
                paragraph.CopyTo(block, i * paragraph.Length);
            }
            stream.Write(head);
            var written = (long)head.Length + tail.Length;
            while (written + block.Length <= inflatedBytes)
            {
                stream.Write(block);
                written += block.Length;
            }
            stream.Write(tail);
        }
        var bytes = output.ToArray();
        if (declaredBytes is { } declared)
        {
            Declare(bytes, "word/document.xml", declared);
        }
        return bytes;
    }

    /// <summary>Rewrites an entry's uncompressed size in its central directory record and its local header.</summary>
    static void Declare(byte[] zip, string name, uint size)
    {
        var span = zip.AsSpan();
        for (var i = span.Length - 46; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(span[i..]) != 0x02014B50)
            {
                continue;
            }
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(i + 28)..]);
            if (Encoding.UTF8.GetString(span.Slice(i + 46, nameLength)) != name)
            {
                continue;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(span[(i + 24)..], size);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(i + 42)..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], size);
            return;
        }
        throw new InvalidOperationException($"{name} not found in the central directory.");
    }

    static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
