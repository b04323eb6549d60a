using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CvTailor.Api.Artifacts;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using CvTailor.Data.Llm;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>L1–L3 and L13: model performance metrics (own rows; staff see all).</summary>
public static class PerformanceMetricEndpoints
{
    /// <summary>L1: filters <c>date_from</c>/<c>date_to</c> and (unlike the original, where they were declared but not wired) <c>model_name</c>, <c>task_type</c>, <c>success</c>, <c>selection_strategy</c>.</summary>
    public static async Task<Results<Ok<PagedResult<PerformanceMetricDto>>, NotFound<ApiDetail>, FieldErrorsResult>> ListAsync(
        HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var query = await VisibleAsync(db, user, ct);
        var q = request.Query;
        if (ReadDate(q["date_from"], "date_from", errors) is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.Metric.CreatedAt >= start);
        }
        if (ReadDate(q["date_to"], "date_to", errors) is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(m => m.Metric.CreatedAt < end);
        }
        if (q["model_name"].LastOrDefault() is { Length: > 0 } model)
        {
            query = query.Where(m => m.Metric.ModelName == model);
        }
        if (q["task_type"].LastOrDefault() is { Length: > 0 } task)
        {
            query = query.Where(m => m.Metric.TaskType == task);
        }
        if (q["selection_strategy"].LastOrDefault() is { Length: > 0 } strategy)
        {
            query = query.Where(m => m.Metric.SelectionStrategy == strategy);
        }
        if (q["success"].LastOrDefault() is { Length: > 0 } success)
        {
            if (success is "true" or "True" or "1")
            {
                query = query.Where(m => m.Metric.Success);
            }
            else if (success is "false" or "False" or "0")
            {
                query = query.Where(m => !m.Metric.Success);
            }
            else
            {
                errors.Add("success", DrfFields.InvalidBoolean);
            }
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }
        return (await query.OrderByDescending(m => m.Metric.CreatedAt).ThenBy(m => m.Metric.Id)
            .ToPageAsync(request, PerformanceMetricDto.From, ct, LlmAccess.PageSize(request))).Result switch
        {
            Ok<PagedResult<PerformanceMetricDto>> page => page,
            var other => (NotFound<ApiDetail>)other,
        };
    }

    /// <summary>L2.</summary>
    public static async Task<Results<Ok<PerformanceMetricDto>, NotFound<ApiDetail>>> GetAsync(Guid id, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var row = await (await VisibleAsync(db, user, ct)).SingleOrDefaultAsync(m => m.Metric.Id == id, ct);
        return row is null
            ? TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("ModelPerformanceMetric")))
            : TypedResults.Ok(PerformanceMetricDto.From(row));
    }

    /// <summary>L3: today's and yesterday's request count, success rate (0–100) and cost (UTC days).</summary>
    public static async Task<Ok<Dictionary<string, DaySummary>>> SummaryAsync(CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var visible = await VisibleAsync(db, user, ct);
        return TypedResults.Ok(new Dictionary<string, DaySummary>
        {
            ["today"] = await DayAsync(visible, today, ct),
            ["yesterday"] = await DayAsync(visible, today.AddDays(-1), ct),
        });
    }

    /// <summary>L13: per-model aggregates, most requests first.</summary>
    public static async Task<Ok<List<ModelStatsDto>>> ModelStatsAsync(CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var rows = await (await VisibleAsync(db, user, ct))
            .GroupBy(m => m.Metric.ModelName)
            .Select(g => new
            {
                ModelName = g.Key,
                Total = g.Count(),
                Succeeded = g.Count(m => m.Metric.Success),
                AvgTime = g.Average(m => (double)m.Metric.ProcessingTimeMs),
                Cost = g.Sum(m => m.Metric.CostUsd),
                Quality = g.Average(m => m.Metric.QualityScore),
                LastUsed = g.Max(m => m.Metric.CreatedAt),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.Total).ThenBy(r => r.ModelName, StringComparer.Ordinal)
            .Select(r => new ModelStatsDto(r.ModelName, r.Total, Math.Round(100.0 * r.Succeeded / r.Total, 2), Math.Round(r.AvgTime, 2),
                LlmAccess.Fixed(r.Cost, 6), r.Quality is { } q ? Math.Round((double)q, 4) : null, r.LastUsed))
            .ToList());
    }

    static async Task<DaySummary> DayAsync(IQueryable<MetricRow> visible, DateOnly day, CancellationToken ct)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddDays(1);
        var stats = await visible.Where(m => m.Metric.CreatedAt >= start && m.Metric.CreatedAt < end)
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Succeeded = g.Count(m => m.Metric.Success), Cost = g.Sum(m => m.Metric.CostUsd) })
            .SingleOrDefaultAsync(ct);
        if (stats is null || stats.Total == 0)
        {
            return new DaySummary(0, 0, 0, 0);
        }
        return new DaySummary(stats.Total, Math.Round(100.0 * stats.Succeeded / stats.Total, 2),
            (double)Math.Round(stats.Cost / stats.Total, 6), (double)stats.Cost);
    }

    /// <summary>Metrics the caller may see, with the owner's e-mail (the serializer's <c>user_email</c>).</summary>
    static async Task<IQueryable<MetricRow>> VisibleAsync(CvTailorDbContext db, CurrentUser user, CancellationToken ct)
    {
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        var metrics = db.ModelPerformanceMetrics.AsNoTracking().Where(m => staff || m.UserId == user.Id);
        return from m in metrics
               join u in db.Users on m.UserId equals u.Id into owners
               from owner in owners.DefaultIfEmpty()
               select new MetricRow { Metric = m, UserEmail = owner != null ? owner.Email : null };
    }

    static DateOnly? ReadDate(Microsoft.Extensions.Primitives.StringValues raw, string name, FieldErrors errors)
    {
        var text = raw.LastOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(name, DrfFields.InvalidDate);
        return null;
    }
}

/// <summary>A metric with its owner's e-mail (a member-init shape, so EF can still filter and order after the join).</summary>
public sealed class MetricRow
{
    public required ModelPerformanceMetric Metric { get; init; }

    public string? UserEmail { get; init; }
}

/// <summary>L1/L2 item.</summary>
public sealed record PerformanceMetricDto(
    Guid Id,
    string ModelName,
    string TaskType,
    int ProcessingTimeMs,
    int TokensUsed,
    string CostUsd,
    string? QualityScore,
    bool Success,
    string? ComplexityScore,
    string SelectionStrategy,
    bool FallbackUsed,
    JsonElement Metadata,
    DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserEmail)
{
    public static PerformanceMetricDto From(MetricRow row)
    {
        var m = row.Metric;
        return new PerformanceMetricDto(m.Id, m.ModelName, m.TaskType, m.ProcessingTimeMs, m.TokensUsed, LlmAccess.Fixed(m.CostUsd, 6),
            LlmAccess.Fixed(m.QualityScore, 2), m.Success, LlmAccess.Fixed(m.ComplexityScore, 2), m.SelectionStrategy, m.FallbackUsed,
            JsonColumn.ToElement(m.Metadata), m.CreatedAt, row.UserEmail);
    }
}

public sealed record DaySummary(int TotalRequests, double SuccessRate, double AvgCost, double TotalCost);

public sealed record ModelStatsDto(
    string ModelName, int TotalRequests, double SuccessRate, double AvgProcessingTimeMs, string TotalCostUsd, double? AvgQualityScore, DateTime LastUsed);
