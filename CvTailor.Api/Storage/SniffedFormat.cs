namespace CvTailor.Api.Storage;

/// <summary>What a file's bytes say it is, whatever its name or declared type says.</summary>
public enum SniffedFormat
{
    Unknown,
    Pdf,
    /// <summary>A ZIP package holding <c>word/document.xml</c>.</summary>
    Docx,
    /// <summary>An OLE2 compound file (legacy Word).</summary>
    Doc,
    /// <summary>Valid UTF-8 without NUL bytes: Markdown or plain text.</summary>
    Utf8Text,
}
