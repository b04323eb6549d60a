using CvTailor.Api.Artifacts;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>G8 (CV templates) and G9 (the caller's generation analytics).</summary>
public static class GenerationCatalogEndpoints
{
    /// <summary>G8: active CV templates, 20 per page.</summary>
    public static Task<Results<Ok<PagedResult<CvTemplateDto>>, NotFound<ApiDetail>>> TemplatesAsync(
        HttpRequest request, CvTailorDbContext db, CancellationToken ct) =>
        db.CvTemplates.AsNoTracking()
            .Where(t => t.IsActive)
            .OrderBy(t => t.Id)
            .ToPageAsync(request, t => new CvTemplateDto(
                t.Id, t.Name, t.Category, t.Description, t.PreviewImageUrl, JsonColumn.ToElement(t.TemplateConfig), t.IsPremium, t.IsActive), ct);

    /// <summary>G9: counts, mean rating (1 dp, 0 without ratings), the most used template's name, the last 10 generations.</summary>
    public static async Task<Ok<GenerationAnalyticsDto>> AnalyticsAsync(CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var mine = db.GeneratedDocuments.AsNoTracking().Where(d => d.UserId == user.Id);
        var counts = await mine.GroupBy(d => d.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var average = await mine.Where(d => d.UserRating != null).AverageAsync(d => (double?)d.UserRating, ct);
        var topTemplate = await mine.GroupBy(d => d.TemplateId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (int?)g.Key)
            .FirstOrDefaultAsync(ct);
        var templateName = topTemplate is { } templateId
            ? await db.CvTemplates.AsNoTracking().Where(t => t.Id == templateId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        var history = await mine.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Take(10)
            .Select(d => new GenerationHistoryItem(d.Id, d.Status, d.CreatedAt, d.UserRating))
            .ToListAsync(ct);
        return TypedResults.Ok(new GenerationAnalyticsDto(
            counts.Sum(c => c.Count),
            counts.Where(c => c.Status == GenerationStatuses.Completed).Sum(c => c.Count),
            counts.Where(c => c.Status == GenerationStatuses.Failed).Sum(c => c.Count),
            average is { } mean ? Math.Round(mean, 1, MidpointRounding.ToEven) : 0,
            templateName,
            history));
    }
}
