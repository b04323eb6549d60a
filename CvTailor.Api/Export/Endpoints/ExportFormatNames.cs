namespace CvTailor.Api.Export.Endpoints;

/// <summary>
/// Export formats as the API names them (<c>pdf</c>, <c>docx</c> as in the contract, plus <c>markdown</c> and
/// <c>json_resume</c>) and as <c>export_exportjob.format</c> stores them: that column is varchar(10), so JSON Resume
/// is stored as <c>json</c>.
/// </summary>
public static class ExportFormatNames
{
    public const string Pdf = "pdf";
    public const string Docx = "docx";
    public const string Markdown = "markdown";
    public const string JsonResume = "json_resume";

    public static IReadOnlyList<string> All { get; } = [Pdf, Docx, Markdown, JsonResume];

    public static ExportFormat Parse(string apiName) => apiName switch
    {
        Pdf => ExportFormat.Pdf,
        Docx => ExportFormat.Docx,
        Markdown => ExportFormat.Markdown,
        JsonResume => ExportFormat.JsonResume,
        _ => throw new ArgumentOutOfRangeException(nameof(apiName), apiName, "Unknown export format."),
    };

    public static string ToColumn(string apiName) => apiName == JsonResume ? "json" : apiName;

    public static string FromColumn(string column) => column == "json" ? JsonResume : column;
}
