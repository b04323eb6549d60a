using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CvTailor.Data.Files;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// Text of a DOCX, streamed: the ZIP's central directory is checked against <see cref="ArchiveLimits"/> first, then
/// the main document part is read with an <see cref="XmlReader"/> through a <see cref="BoundedReadStream"/>, paragraph
/// by paragraph, never as a whole DOM, and reading stops once <c>maxCharacters</c> are taken. Paragraphs come in body
/// order; Title/Heading styles open sections. Memory stays at a few buffers whatever the part inflates to.
/// </summary>
public static class DocxTextExtractor
{
    const string MainDocumentRelationship = "/officeDocument";
    const string DefaultMainPart = "word/document.xml";
    const int RelationshipsMaxBytes = 1024 * 1024;

    static readonly XmlReaderSettings s_xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    public static IReadOnlyList<TextBlock> Extract(string path, string name, int maxCharacters, ExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var file = File.OpenRead(path);
        if (ArchiveCheck.Problem(file, options.Archive) is { } problem)
        {
            throw new ExtractionLimitException($"File {name} was not processed: {problem}");
        }
        file.Position = 0;
        using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        var partName = MainPartName(zip, name) ?? DefaultMainPart;
        var entry = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, partName, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
        {
            return [];
        }
        using var part = new BoundedReadStream(entry.Open(), options.Archive.MaxEntryBytes, $"File {name} was not processed: {entry.FullName}");
        using var xml = XmlReader.Create(part, s_xml);
        return ReadParagraphs(xml, name, maxCharacters, options.MaxExtractionTime);
    }

    static List<TextBlock> ReadParagraphs(XmlReader xml, string name, int maxCharacters, TimeSpan maxTime)
    {
        var started = Stopwatch.GetTimestamp();
        var blocks = new List<TextBlock>();
        var open = new Stack<Paragraph>();
        var chunk = new char[4096];
        string? heading = null;
        var total = 0;
        var inText = false;
        var paragraphs = 0;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when IsWord(xml):
                    switch (xml.LocalName)
                    {
                        case "p" when !xml.IsEmptyElement:
                            open.Push(new Paragraph());
                            break;
                        case "pStyle" when open.Count > 0:
                            open.Peek().Style = xml.GetAttribute("val", xml.NamespaceURI) ?? "";
                            break;
                        case "t" when !xml.IsEmptyElement:
                            inText = true;
                            break;
                        case "tab" or "br" or "cr" when open.Count > 0:
                            open.Peek().Append(" ", maxCharacters);
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace
                    when inText && open.Count > 0:
                    int read;
                    while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        open.Peek().Append(chunk.AsSpan(0, read), maxCharacters);
                    }
                    break;
                case XmlNodeType.EndElement when IsWord(xml) && xml.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when IsWord(xml) && xml.LocalName == "p" && open.Count > 0:
                    var paragraph = open.Pop();
                    if (++paragraphs % 256 == 0 && Stopwatch.GetElapsedTime(started) > maxTime)
                    {
                        throw new ExtractionLimitException(string.Create(CultureInfo.InvariantCulture,
                            $"File {name} was not processed: reading its text took longer than {maxTime.TotalSeconds:0.#} s (limit)."));
                    }
                    var text = ParagraphSplitter.Collapse(paragraph.Text.ToString()).Trim();
                    if (text.Length == 0)
                    {
                        break;
                    }
                    if (paragraph.Style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || paragraph.Style.Equals("Title", StringComparison.OrdinalIgnoreCase))
                    {
                        heading = text;
                        break;
                    }
                    var taken = text.Length <= maxCharacters - total ? text : text[..(maxCharacters - total)];
                    blocks.Add(new TextBlock(heading, taken));
                    total += taken.Length;
                    if (total >= maxCharacters)
                    {
                        // The cap is reached: the rest of the part is never inflated.
                        return blocks;
                    }
                    break;
            }
        }
        return blocks;
    }

    static bool IsWord(XmlReader xml) =>
        xml.NamespaceURI.EndsWith("/wordprocessingml/2006/main", StringComparison.Ordinal)
        || xml.NamespaceURI.EndsWith("/wordprocessingml/main", StringComparison.Ordinal);

    /// <summary>The main part named by the package relationships (<c>_rels/.rels</c>), or null to use the usual name.</summary>
    static string? MainPartName(ZipArchive zip, string name)
    {
        var rels = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "_rels/.rels", StringComparison.OrdinalIgnoreCase));
        if (rels is null)
        {
            return null;
        }
        using var stream = new BoundedReadStream(rels.Open(), RelationshipsMaxBytes, $"File {name} was not processed: _rels/.rels");
        using var xml = XmlReader.Create(stream, s_xml);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && xml.GetAttribute("Type") is { } type && type.EndsWith(MainDocumentRelationship, StringComparison.Ordinal)
                && xml.GetAttribute("Target") is { Length: > 0 } target)
            {
                return target.TrimStart('/');
            }
        }
        return null;
    }

    /// <summary>One open paragraph: its raw text (never longer than the file's character cap) and style.</summary>
    sealed class Paragraph
    {
        public StringBuilder Text { get; } = new();
        public string Style { get; set; } = "";

        public void Append(ReadOnlySpan<char> text, int maxCharacters)
        {
            var room = maxCharacters - Text.Length;
            if (room > 0)
            {
                Text.Append(text.Length <= room ? text : text[..room]);
            }
        }
    }
}
