using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>L7–L8: daily cost per user and model (own rows; staff see all).</summary>
public static class CostTrackingEndpoints
{
    public static async Task<Results<Ok<PagedResult<CostTrackingDto>>, NotFound<ApiDetail>>> ListAsync(
        HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct) =>
        await (await VisibleAsync(db, user, ct))
            .OrderByDescending(r => r.Date).ThenBy(r => r.ModelName).ThenBy(r => r.Id)
            .ToPageAsync(request, r => r, ct, LlmAccess.PageSize(request));

    public static async Task<Results<Ok<CostTrackingDto>, NotFound<ApiDetail>>> GetAsync(long id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = await (await VisibleAsync(db, user, ct)).SingleOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("ModelCostTracking"))) : TypedResults.Ok(row);
    }

    /// <summary>L8: this month's totals per model, most expensive first.</summary>
    public static async Task<Ok<MonthlyCostSummary>> MonthlySummaryAsync(CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        var rows = await db.ModelCostTracking.AsNoTracking()
            .Where(r => (staff || r.UserId == user.Id) && r.Date >= first)
            .GroupBy(r => r.ModelName)
            .Select(g => new { Model = g.Key, Cost = g.Sum(r => r.TotalCostUsd), Count = g.Sum(r => r.GenerationCount) })
            .ToListAsync(ct);
        return TypedResults.Ok(new MonthlyCostSummary(
            first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            [.. rows.OrderByDescending(r => r.Cost).ThenBy(r => r.Model, StringComparer.Ordinal).Select(r => new ModelMonthlyCost(
                r.Model, (double)r.Cost, r.Count, r.Count == 0 ? 0 : (double)Math.Round(r.Cost / r.Count, 6)))]));
    }

    static async Task<IQueryable<CostTrackingDto>> VisibleAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct)
    {
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        return from r in db.ModelCostTracking.AsNoTracking()
               where staff || r.UserId == user.Id
               join u in db.Users on r.UserId equals u.Id
               select new CostTrackingDto
               {
                   Id = r.Id,
                   UserEmail = u.Email,
                   Date = r.Date,
                   ModelName = r.ModelName,
                   TotalCostUsdValue = r.TotalCostUsd,
                   GenerationCount = r.GenerationCount,
                   AvgCostPerGenerationValue = r.AvgCostPerGeneration,
                   TotalTokensUsed = r.TotalTokensUsed,
                   AvgTokensPerGeneration = r.AvgTokensPerGeneration,
               };
    }
}

/// <summary>L8's answer.</summary>
public sealed record MonthlyCostSummary(string Month, IReadOnlyList<ModelMonthlyCost> Models);

public sealed record ModelMonthlyCost(string ModelName, double TotalCost, int TotalGenerations, double AvgCostPerGeneration);

/// <summary>L7 item (decimals as fixed-scale strings).</summary>
public sealed class CostTrackingDto
{
    public long Id { get; init; }
    public string UserEmail { get; init; } = "";
    public DateOnly Date { get; init; }
    public string ModelName { get; init; } = "";
    public string TotalCostUsd => LlmAccess.Fixed(TotalCostUsdValue, 6);
    public int GenerationCount { get; init; }
    public string AvgCostPerGeneration => LlmAccess.Fixed(AvgCostPerGenerationValue, 6);
    public long TotalTokensUsed { get; init; }
    public int AvgTokensPerGeneration { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public decimal TotalCostUsdValue { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public decimal AvgCostPerGenerationValue { get; init; }
}
