using System.Text.Json.Nodes;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.Llm.Chat;
using CvTailor.Data;
using CvTailor.Data.Llm;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>
/// L4–L6: circuit breakers. They are global (one row per model, shared by every replica), so everyone may read them;
/// unlike the original, where any user could edit or reset them (contract §9.6), writes are for staff only. Names
/// may contain dots (<c>gpt-3.5-turbo</c>), which the original's router could not address.
/// </summary>
public static class CircuitBreakerEndpoints
{
    static readonly string[] States = [LlmCircuitBreaker.Closed, LlmCircuitBreaker.Open, LlmCircuitBreaker.HalfOpen];

    public static Task<Results<Ok<PagedResult<CircuitBreakerDto>>, NotFound<ApiDetail>>> ListAsync(
        HttpRequest request, CvTailorDbContext db, CancellationToken ct) =>
        db.CircuitBreakerStates.AsNoTracking().OrderBy(s => s.ModelName).ToPageAsync(request, CircuitBreakerDto.From, ct);

    public static async Task<Results<Ok<CircuitBreakerDto>, NotFound<ApiDetail>>> GetAsync(
        string modelName, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.AsNoTracking().SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        return state is null ? NotFound() : TypedResults.Ok(CircuitBreakerDto.From(state));
    }

    /// <summary>Staff only (the <see cref="StaffPolicy"/> on the route).</summary>
    public static async Task<Results<Created<CircuitBreakerDto>, BodyError, FieldErrorsResult>> CreateAsync(
        RequestFields fields, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (fields.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var body = fields.Values;
        body.TryReadString("model_name", errors, out var name, required: true, allowBlank: false, maxLength: 100);
        var now = time.UtcNow();
        var state = new CircuitBreakerState { ModelName = name, CreatedAt = now, UpdatedAt = now };
        Apply(body, state, errors, partial: false);
        if (!errors.HasErrors && await db.CircuitBreakerStates.AnyAsync(s => s.ModelName == name, ct))
        {
            errors.Add("model_name", "circuit breaker state with this model name already exists.");
        }
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }
        db.CircuitBreakerStates.Add(state);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/llm/circuit-breakers/{Uri.EscapeDataString(name)}/", CircuitBreakerDto.From(state));
    }

    /// <summary>Staff only, as every write below.</summary>
    public static Task<Results<Ok<CircuitBreakerDto>, NotFound<ApiDetail>, BodyError, FieldErrorsResult>> ReplaceAsync(
        string modelName, RequestFields fields, CvTailorDbContext db, CancellationToken ct) =>
        UpdateAsync(modelName, fields, db, partial: false, ct);

    public static Task<Results<Ok<CircuitBreakerDto>, NotFound<ApiDetail>, BodyError, FieldErrorsResult>> PatchAsync(
        string modelName, RequestFields fields, CvTailorDbContext db, CancellationToken ct) =>
        UpdateAsync(modelName, fields, db, partial: true, ct);

    public static async Task<Results<NoContent, NotFound<ApiDetail>>> DeleteAsync(string modelName, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        db.CircuitBreakerStates.Remove(state);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>L5.</summary>
    public static async Task<Results<Ok<CircuitBreakerReset>, NotFound<ApiDetail>>> ResetAsync(
        string modelName, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        state.FailureCount = 0;
        state.LastFailure = null;
        state.State = LlmCircuitBreaker.Closed;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CircuitBreakerReset($"Circuit breaker for {modelName} has been reset", LlmCircuitBreaker.Closed));
    }

    /// <summary>L6.</summary>
    public static async Task<Ok<CircuitBreakerHealth>> HealthStatusAsync(CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var states = await db.CircuitBreakerStates.AsNoTracking().OrderBy(s => s.ModelName).ToListAsync(ct);
        var since = time.UtcNow().AddHours(-24);
        return TypedResults.Ok(new CircuitBreakerHealth(
            states.Count,
            states.Count(s => s.State == LlmCircuitBreaker.Closed),
            states.Count(s => s.State != LlmCircuitBreaker.Closed),
            States.ToDictionary(s => s, s => states.Count(x => x.State == s)),
            [.. states.Where(s => s.LastFailure >= since).Select(s => new RecentFailure(s.ModelName, s.FailureCount, s.LastFailure, s.State))]));
    }

    static async Task<Results<Ok<CircuitBreakerDto>, NotFound<ApiDetail>, BodyError, FieldErrorsResult>> UpdateAsync(
        string modelName, RequestFields fields, CvTailorDbContext db, bool partial, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        if (fields.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var body = fields.Values;
        if (body.TryGetPropertyValue("model_name", out var newName) && newName?.ToString() != modelName)
        {
            errors.Add("model_name", "The model name of an existing circuit breaker cannot be changed.");
        }
        Apply(body, state, errors, partial);
        if (errors.HasErrors)
        {
            return errors.ToBadRequest();
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CircuitBreakerDto.From(state));
    }

    static void Apply(JsonObject body, CircuitBreakerState state, FieldErrors errors, bool partial)
    {
        _ = partial; // every field has a default, so PUT and PATCH differ only in what they leave unchanged
        if (body.TryReadInt("failure_count", errors, out var failures, min: 0))
        {
            state.FailureCount = failures;
        }
        if (body.TryReadChoice("state", errors, States, out var value))
        {
            state.State = value;
        }
        if (body.TryReadInt("failure_threshold", errors, out var threshold, min: 1))
        {
            state.FailureThreshold = threshold;
        }
        if (body.TryReadInt("timeout_duration", errors, out var timeout, min: 0))
        {
            state.TimeoutDuration = timeout;
        }
    }

    static NotFound<ApiDetail> NotFound() => TypedResults.NotFound(new ApiDetail(ApiMessages.NotFound("CircuitBreakerState")));
}

/// <summary>L5's answer.</summary>
public sealed record CircuitBreakerReset(string Message, string NewState);

/// <summary>L6's answer.</summary>
public sealed record CircuitBreakerHealth(
    int TotalModels, int HealthyModels, int UnhealthyModels, Dictionary<string, int> ModelsByState, IReadOnlyList<RecentFailure> RecentFailures);

public sealed record RecentFailure(string ModelName, int FailureCount, DateTime? LastFailure, string State);

/// <summary>A circuit breaker as the original's serializer returned it.</summary>
public sealed record CircuitBreakerDto(
    string ModelName, int FailureCount, DateTime? LastFailure, string State, string StateDisplay, int FailureThreshold, int TimeoutDuration,
    DateTime CreatedAt, DateTime UpdatedAt, bool IsHealthy)
{
    public static CircuitBreakerDto From(CircuitBreakerState s) => new(
        s.ModelName, s.FailureCount, s.LastFailure, s.State,
        s.State switch { LlmCircuitBreaker.Open => "Open", LlmCircuitBreaker.HalfOpen => "Half Open", _ => "Closed" },
        s.FailureThreshold, s.TimeoutDuration, s.CreatedAt, s.UpdatedAt, s.State == LlmCircuitBreaker.Closed);
}
