namespace CvTailor.Api.Export.Layout;

/// <summary>
/// A format-neutral document: the same blocks become PDF, DOCX and Markdown, so section order, headings and
/// text are identical across formats.
/// </summary>
public abstract record Block;

/// <summary>The person's name at the top (a level-1 heading in DOCX and Markdown).</summary>
public sealed record NameBlock(string Text) : Block;

/// <summary>A centred line under the name (contact details, profile links).</summary>
public sealed record ContactBlock(IReadOnlyList<Span> Spans) : Block;

/// <summary>A standard section heading ("Professional Experience").</summary>
public sealed record HeadingBlock(string Text) : Block;

public sealed record ParagraphBlock(IReadOnlyList<Span> Spans, bool IsBullet = false) : Block
{
    public string PlainText => string.Concat(Spans.Select(s => s.Text));
}

/// <summary>A QR code for a URL (evidence_format = qr_codes).</summary>
public sealed record QrBlock(string Url, string Caption) : Block;

/// <summary>A whole renderable document with its metadata.</summary>
public sealed record RenderDocument(string Title, string Author, string Subject, IReadOnlyList<string> Keywords, IReadOnlyList<Block> Blocks);
