namespace CvTailor.Api.Storage;

/// <summary>The document formats an upload may have, each with the file extensions and media type it is stored under.</summary>
public sealed record DocumentKind(string Name, string MimeType, string StoredExtension, IReadOnlyList<string> Extensions)
{
    public static readonly DocumentKind Pdf = new("PDF", "application/pdf", ".pdf", [".pdf"]);

    public static readonly DocumentKind Docx = new(
        "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [".docx"]);

    public static readonly DocumentKind Doc = new("DOC", "application/msword", ".doc", [".doc"]);

    public static readonly DocumentKind Markdown = new("Markdown", "text/markdown", ".md", [".md", ".markdown"]);

    public static readonly DocumentKind PlainText = new("plain text", "text/plain", ".txt", [".txt"]);

    public static IReadOnlyList<DocumentKind> All { get; } = [Pdf, Docx, Doc, Markdown, PlainText];

    /// <summary>The kind a file name's extension claims, or null for an extension we do not accept.</summary>
    public static DocumentKind? FromFileName(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return All.FirstOrDefault(k => k.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>True for the kinds whose content is UTF-8 text (sniffing cannot tell Markdown from plain text).</summary>
    public bool IsText => this == Markdown || this == PlainText;
}
