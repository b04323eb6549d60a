using System.Globalization;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Llm.Chat;
using CvTailor.Api.QueryEmbeddings;
using CvTailor.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>
/// L14–L16: model selection, system health, available models. The original's select-model and available-models
/// always answered 500 (the methods they called did not exist); these implement what they were meant to do over the
/// models this service really has: the deterministic generator and the local embedding model always, the configured
/// chat model when there is one (and its circuit is not open).
/// </summary>
public static class ModelEndpoints
{
    static readonly string[] TaskTypes = ["job_parsing", "cv_generation", "embedding", "similarity_search"];
    static readonly string[] Strategies = ["cost_optimized", "balanced", "performance_first"];

    /// <summary>L14.</summary>
    public static async Task<Results<Ok<ModelSelection>, BodyError, FieldErrorsResult, BadRequest<ApiErrorMessage>>> SelectModelAsync(
        RequestFields fields, CvTailorDbContext db, IOptions<LlmOptions> llm, QueryEmbedder semantic, ChatModel chat,
        CancellationToken ct)
    {
        if (fields.Error is { } bodyError)
        {
            return bodyError;
        }
        var body = fields.Values;
        var errors = new FieldErrors();
        body.TryReadChoice("task_type", errors, TaskTypes, out var task, required: true);
        var complexity = ReadFraction(body, "complexity_score", 0, 1, errors) ?? 0.5;
        var budget = ReadFraction(body, "user_budget", 0.000001, double.MaxValue, errors);
        var strategy = "balanced";
        if (body.Has("strategy"))
        {
            body.TryReadChoice("strategy", errors, Strategies, out strategy);
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }

        var available = await AvailableAsync(db, llm.Value, semantic, chat, ct);
        var kind = task is "embedding" or "similarity_search" ? "embedding" : "generation";
        var candidates = available.Where(a => a.Available && (kind == "embedding" ? a.Info.Kind == "embedding" : a.Info.Kind is "generation" or "chat"))
            .Select(a => (a.Info, Cost: EstimatedCost(a.Info, task)))
            .Where(c => budget is null || (double)c.Cost <= budget)
            .ToList();
        if (candidates.Count == 0)
        {
            return TypedResults.BadRequest(new ApiErrorMessage("No available model fits the request (check user_budget)."));
        }
        // The chat model only pays off for a complex, balanced or quality-first request; otherwise the local model
        // is both cheaper and faster.
        var useChat = kind == "generation" && strategy == "balanced" && complexity > 0.7;
        var ordered = candidates
            .OrderBy(c => useChat ? (c.Info.Kind == "chat" ? 0 : 1) : (c.Info.Provider == "local" ? 0 : 1))
            .ThenBy(c => c.Cost)
            .ToList();
        var selected = ordered[0];
        var reasoning = string.Create(CultureInfo.InvariantCulture,
            $"strategy_{strategy}_{(complexity > 0.7 ? "high" : complexity > 0.4 ? "medium" : "low")}_complexity: {selected.Info.Name} " +
            $"({(selected.Info.Provider == "local" ? "local, offline, no cost" : $"{selected.Info.Provider}, configured chat model")})");
        return TypedResults.Ok(new ModelSelection(
            selected.Info.Name, reasoning, LlmAccess.Fixed(selected.Cost, 6), [.. ordered.Skip(1).Take(3).Select(c => c.Info.Name)]));
    }

    /// <summary>L15: model health from the circuit breakers (global); today's cost, latency and success rate of the caller's calls (all calls for staff).</summary>
    public static async Task<Ok<SystemHealth>> SystemHealthAsync(CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var states = await db.CircuitBreakerStates.AsNoTracking().Select(s => s.State).ToListAsync(ct);
        var staff = await LlmAccess.IsStaffAsync(db, user, ct);
        var start = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var today = await db.ModelPerformanceMetrics.AsNoTracking()
            .Where(m => (staff || m.UserId == user.Id) && m.CreatedAt >= start)
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Succeeded = g.Count(m => m.Success), Cost = g.Sum(m => m.CostUsd), Time = g.Average(m => (double)m.ProcessingTimeMs) })
            .SingleOrDefaultAsync(ct);
        return TypedResults.Ok(new SystemHealth(
            states.Count(s => s == LlmCircuitBreaker.Closed),
            states.Count(s => s != LlmCircuitBreaker.Closed),
            states.Count(s => s == LlmCircuitBreaker.Open),
            LlmAccess.Fixed(today?.Cost ?? 0, 6),
            Math.Round(today?.Time ?? 0, 2),
            today is { Total: > 0 } t ? Math.Round(100.0 * t.Succeeded / t.Total, 2) : 100.0));
    }

    /// <summary>L16: every known model with its prices, limits, circuit state and whether this deployment can use it.</summary>
    public static async Task<Ok<Dictionary<string, AvailableModelDto>>> AvailableModelsAsync(
        CvTailorDbContext db, IOptions<LlmOptions> llm, QueryEmbedder semantic, ChatModel chat, CancellationToken ct)
    {
        var available = await AvailableAsync(db, llm.Value, semantic, chat, ct);
        return TypedResults.Ok(available.ToDictionary(a => a.Info.Name, a => new AvailableModelDto(
            a.Info.Provider,
            a.Info.Kind,
            LlmAccess.Fixed(a.Info.InputPer1K, 6),
            LlmAccess.Fixed(a.Info.OutputPer1K, 6),
            a.Info.ContextWindow,
            a.Info.Kind == "embedding" ? null : a.Info.MaxOutput,
            a.Info.Kind == "embedding" ? a.Info.MaxOutput : null,
            a.Info.Tier,
            a.Info.Deprecated,
            a.Info.Description,
            a.CircuitState ?? "unknown",
            a.Available), StringComparer.Ordinal));
    }

    static async Task<List<AvailableModel>> AvailableAsync(CvTailorDbContext db, LlmOptions llm, QueryEmbedder semantic, ChatModel chat, CancellationToken ct)
    {
        var states = await db.CircuitBreakerStates.AsNoTracking().ToDictionaryAsync(s => s.ModelName, s => s.State, ct);
        var models = ModelRegistry.Models.ToList();
        if (chat.IsEnabled && ModelRegistry.Find(llm.Model) is null)
        {
            models.Add(new ModelInfo(llm.Model, "openai-compatible", "chat", 0, 0, 0, 0, "configured", false, "The configured chat model."));
        }
        return [.. models.Select(m =>
        {
            var state = states.GetValueOrDefault(m.Name);
            var usable = m.Name == ModelRegistry.Deterministic
                         || (m.Kind == "embedding" && string.Equals(m.Name, semantic.Model, StringComparison.Ordinal) && semantic.IsEnabled)
                         || (m.Kind == "chat" && chat.IsEnabled && string.Equals(m.Name, llm.Model, StringComparison.Ordinal));
            return new AvailableModel(m, state, usable && state != LlmCircuitBreaker.Open);
        })];
    }

    static decimal EstimatedCost(ModelInfo model, string task) => task switch
    {
        "cv_generation" => ModelRegistry.Cost(model.Name, 3000, 1500),
        "job_parsing" => ModelRegistry.Cost(model.Name, 1200, 400),
        _ => ModelRegistry.Cost(model.Name, 500, 0),
    };

    static double? ReadFraction(System.Text.Json.Nodes.JsonObject body, string name, double min, double max, FieldErrors errors)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }
        double value;
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            value = node.GetValue<double>();
        }
        else if (node.GetValueKind() == System.Text.Json.JsonValueKind.String
                 && double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
        }
        else
        {
            errors.Add(name, "A valid number is required.");
            return null;
        }
        if (value < min)
        {
            errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"Ensure this value is greater than or equal to {min}."));
            return null;
        }
        if (value > max)
        {
            errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"Ensure this value is less than or equal to {max}."));
            return null;
        }
        return value;
    }

    sealed record AvailableModel(ModelInfo Info, string? CircuitState, bool Available);
}

/// <summary>L14's answer.</summary>
public sealed record ModelSelection(string SelectedModel, string Reasoning, string EstimatedCostUsd, IReadOnlyList<string> FallbackModels);

/// <summary>L15's answer.</summary>
public sealed record SystemHealth(
    int HealthyModels, int UnhealthyModels, int CircuitBreakersOpen, string TotalCostToday, double AvgResponseTimeMs, double SuccessRate);

/// <summary>L16: one model of the answer (keyed by name).</summary>
public sealed record AvailableModelDto(
    string Provider, string Kind, string CostInput, string CostOutput, int ContextWindow, int? MaxTokens, int? Dimensions,
    string Tier, bool Deprecated, string? Description, string CircuitBreakerStatus, bool IsAvailable);
