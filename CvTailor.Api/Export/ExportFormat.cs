namespace CvTailor.Api.Export;

/// <summary>Formats a generated document can be exported to (the contract's pdf and docx, plus our extras).</summary>
public enum ExportFormat
{
    Pdf,
    Docx,
    Markdown,
    JsonResume,
}

public static class ExportFormats
{
    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Pdf => "application/pdf",
        ExportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ExportFormat.Markdown => "text/markdown; charset=utf-8",
        _ => "application/json",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Pdf => "pdf",
        ExportFormat.Docx => "docx",
        ExportFormat.Markdown => "md",
        _ => "json",
    };
}
