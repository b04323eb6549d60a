using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Export.Endpoints;

/// <summary>E7 (export templates) and E8 (the caller's export analytics).</summary>
public static class ExportCatalogEndpoints
{
    /// <summary>E7: active templates, 20 per page.</summary>
    public static Task<Results<Ok<PagedResult<ExportTemplateDto>>, NotFound<ApiDetail>>> TemplatesAsync(
        HttpRequest request, CvTailorDbContext db, CancellationToken ct) =>
        db.ExportTemplates.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.Id)
            .Select(t => new ExportTemplateDto(t.Id, t.Name, t.Category, t.Description, t.PreviewImageUrl, t.IsPremium, t.IsActive))
            .ToPageAsync(request, ct);

    /// <summary>E8.</summary>
    public static async Task<Ok<ExportAnalyticsDto>> AnalyticsAsync(CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var mine = db.ExportJobs.AsNoTracking().Where(j => j.UserId == user.Id);
        var byStatus = await mine.GroupBy(j => j.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var downloads = await mine.SumAsync(j => (int?)j.DownloadCount, ct) ?? 0;
        var byFormat = await mine.GroupBy(j => j.Format).Select(g => new { Format = g.Key, Count = g.Count() }).ToListAsync(ct);
        var byTemplate = await mine.Where(j => j.Template != null)
            .GroupBy(j => j.Template!.Name).Select(g => new { Name = g.Key, Count = g.Count() }).ToListAsync(ct);
        var recent = await mine.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Take(10)
            .Select(j => new { j.Id, j.Format, j.Status, j.DownloadCount, j.CreatedAt, j.FileSize })
            .ToListAsync(ct);

        var formats = new SortedDictionary<string, int>(StringComparer.Ordinal) { [ExportFormatNames.Pdf] = 0, [ExportFormatNames.Docx] = 0 };
        foreach (var f in byFormat)
        {
            var name = ExportFormatNames.FromColumn(f.Format);
            formats[name] = formats.GetValueOrDefault(name) + f.Count;
        }
        return TypedResults.Ok(new ExportAnalyticsDto(
            byStatus.Sum(s => s.Count),
            byStatus.Where(s => s.Status == ExportStatuses.Completed).Sum(s => s.Count),
            byStatus.Where(s => s.Status == ExportStatuses.Failed).Sum(s => s.Count),
            downloads,
            formats,
            byTemplate.ToDictionary(t => t.Name, t => t.Count, StringComparer.Ordinal),
            [.. recent.Select(r => new RecentExportDto(r.Id, ExportFormatNames.FromColumn(r.Format), r.Status, r.DownloadCount, r.CreatedAt, r.FileSize))]));
    }
}
