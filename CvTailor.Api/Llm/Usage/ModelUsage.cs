using System.Text.Json;
using CvTailor.Data;
using CvTailor.Data.Llm;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Usage;

/// <summary>
/// Records model calls the way the original did (contract §4.5): one <c>model_performance_metrics</c> row per call
/// and, per user, day and model, a running total in <c>model_cost_tracking</c>. Generations record themselves too
/// (model <c>cvtailor-deterministic</c>, cost 0), so the LLM statistics endpoints describe what the service really did.
/// </summary>
public static class ModelUsage
{
    public const string TaskJobParsing = "job_parsing";
    public const string TaskCvGeneration = "cv_generation";
    public const string TaskEmbedding = "embedding";
    public const string TaskSimilaritySearch = "similarity_search";

    /// <summary>Adds the metric row to <paramref name="db"/>; it is written by the caller's SaveChanges.</summary>
    public static ModelPerformanceMetric AddMetric(
        CvTailorDbContext db, long userId, string model, string taskType, int durationMs, long tokens, decimal cost, bool success,
        bool fallbackUsed, decimal? qualityScore, object metadata, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var metric = new ModelPerformanceMetric
        {
            Id = Guid.NewGuid(),
            ModelName = model,
            TaskType = taskType,
            ProcessingTimeMs = durationMs,
            TokensUsed = (int)Math.Min(int.MaxValue, tokens),
            CostUsd = cost,
            QualityScore = qualityScore is { } q ? Math.Round(Math.Clamp(q, 0m, 1m), 2) : null,
            Success = success,
            FallbackUsed = fallbackUsed,
            Metadata = JsonSerializer.Serialize(metadata),
            CreatedAt = now,
            UserId = userId,
        };
        db.ModelPerformanceMetrics.Add(metric);
        return metric;
    }

    /// <summary>Adds one call to the user's daily total for the model (an atomic upsert).</summary>
    public static Task AddCostAsync(CvTailorDbContext db, long userId, string model, decimal cost, long tokens, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var day = DateOnly.FromDateTime(now);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO model_cost_tracking
                (date, model_name, total_cost_usd, generation_count, avg_cost_per_generation, total_tokens_used,
                 avg_tokens_per_generation, user_id)
            VALUES ({day}, {model}, {cost}, 1, {cost}, {tokens}, {(int)Math.Min(int.MaxValue, tokens)}, {userId})
            ON CONFLICT (user_id, date, model_name) DO UPDATE SET
                generation_count = model_cost_tracking.generation_count + 1,
                total_cost_usd = model_cost_tracking.total_cost_usd + EXCLUDED.total_cost_usd,
                total_tokens_used = model_cost_tracking.total_tokens_used + EXCLUDED.total_tokens_used,
                avg_cost_per_generation = round((model_cost_tracking.total_cost_usd + EXCLUDED.total_cost_usd)
                    / (model_cost_tracking.generation_count + 1), 6),
                avg_tokens_per_generation = ((model_cost_tracking.total_tokens_used + EXCLUDED.total_tokens_used)
                    / (model_cost_tracking.generation_count + 1))::integer
            """, ct);
    }
}
