using System.Text.Json;
using System.Text.Json.Serialization;
using CvTailor.Api.Artifacts;
using CvTailor.Data.Export;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>E1's 202 answer.</summary>
public sealed record ExportStartedDto(Guid ExportId, string Status, DateTime EstimatedCompletionTime, int FileSizeEstimate);

/// <summary>
/// <c>&lt;ExportDetail&gt;</c> (E2, E5). <c>download_url</c> is the contract's path with a short-lived signature, so a
/// client can open it without an Authorization header; null until the export is completed.
/// </summary>
public sealed record ExportDetailDto(
    Guid Id,
    Guid GeneratedDocument,
    string Format,
    int? Template,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TemplateName,
    JsonElement ExportOptions,
    string Status,
    int ProgressPercentage,
    string ErrorMessage,
    string FilePath,
    int? FileSize,
    int DownloadCount,
    string? DownloadUrl,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    DateTime? ExpiresAt)
{
    public static ExportDetailDto From(ExportJob job, string? templateName, DownloadLinkSigner signer) => new(
        job.Id, job.GeneratedDocumentId, ExportFormatNames.FromColumn(job.Format), job.TemplateId, templateName,
        JsonColumn.ToElement(job.ExportOptions), job.Status, job.ProgressPercentage, job.ErrorMessage, job.FilePath, job.FileSize,
        job.DownloadCount, SignedUrl(job, signer), job.CreatedAt, job.CompletedAt, job.ExpiresAt);

    public static string? SignedUrl(ExportJob job, DownloadLinkSigner signer) =>
        job.Status == ExportStatuses.Completed && job.FilePath.Length > 0 ? signer.CreateUrl(job.Id, job.UserId) : null;
}

/// <summary>E4 list items.</summary>
public sealed record ExportListItemDto(
    Guid Id,
    string Format,
    string Status,
    int ProgressPercentage,
    string ErrorMessage,
    int? FileSize,
    int DownloadCount,
    string? DownloadUrl,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    DateTime? ExpiresAt)
{
    public static ExportListItemDto From(ExportJob job, DownloadLinkSigner signer) => new(
        job.Id, ExportFormatNames.FromColumn(job.Format), job.Status, job.ProgressPercentage, job.ErrorMessage, job.FileSize,
        job.DownloadCount, ExportDetailDto.SignedUrl(job, signer), job.CreatedAt, job.CompletedAt, job.ExpiresAt);
}

/// <summary>A fresh signed link (<c>GET /api/v1/export/{id}/download-link/</c>).</summary>
public sealed record DownloadLinkDto(string DownloadUrl, DateTimeOffset ExpiresAt);

/// <summary>E7 list items.</summary>
public sealed record ExportTemplateDto(int Id, string Name, string Category, string Description, string PreviewImageUrl, bool IsPremium, bool IsActive);

/// <summary>E8's answer.</summary>
public sealed record ExportAnalyticsDto(
    int TotalExports,
    int CompletedExports,
    int FailedExports,
    int TotalDownloads,
    IReadOnlyDictionary<string, int> FormatDistribution,
    IReadOnlyDictionary<string, int> TemplateUsage,
    IReadOnlyList<RecentExportDto> RecentExports);

public sealed record RecentExportDto(Guid Id, string Format, string Status, int DownloadCount, DateTime CreatedAt, int? FileSize);

public static class ExportStatuses
{
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class ExportMessages
{
    public const string DocumentNotFound = "Generated document not found or not completed";
    public const string TemplateNotFound = "Template not found";
    public const string JobNotFound = "Export job not found";
    public const string ExportNotFound = "Export not found";
    public const string FileNotFound = "Export file not found";
    public const string FileExpired = "Export file has expired";
    public const string LinkExpired = "This download link has expired.";
    public const string LinkInvalid = "Invalid download link signature.";
    public const string NoContent = "No content available for export";
}
