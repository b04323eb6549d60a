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

    public static async Task<IResult> ListAsync(HttpRequest request, CvTailorDbContext db, CancellationToken ct) =>
        await db.CircuitBreakerStates.AsNoTracking().OrderBy(s => s.ModelName).ToPageAsync(request, CircuitBreakerDto.From, ct);

    public static async Task<IResult> GetAsync(string modelName, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.AsNoTracking().SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        return state is null ? NotFound() : TypedResults.Ok(CircuitBreakerDto.From(state));
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, CurrentUser user, CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await LlmAccess.IsStaffAsync(db, user, ct))
        {
            return LlmAccess.Forbidden();
        }
        var read = await RequestFields.ReadAsync(request, ct);
        if (read.Error is not null)
        {
            return read.Error;
        }
        var errors = new FieldErrors();
        var body = read.Fields!.Values;
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

    public static Task<IResult> ReplaceAsync(string modelName, HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct) =>
        UpdateAsync(modelName, request, user, db, partial: false, ct);

    public static Task<IResult> PatchAsync(string modelName, HttpRequest request, CurrentUser user, CvTailorDbContext db, CancellationToken ct) =>
        UpdateAsync(modelName, request, user, db, partial: true, ct);

    public static async Task<IResult> DeleteAsync(string modelName, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        if (!await LlmAccess.IsStaffAsync(db, user, ct))
        {
            return LlmAccess.Forbidden();
        }
        db.CircuitBreakerStates.Remove(state);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>L5.</summary>
    public static async Task<IResult> ResetAsync(string modelName, CurrentUser user, CvTailorDbContext db, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        if (!await LlmAccess.IsStaffAsync(db, user, ct))
        {
            return LlmAccess.Forbidden();
        }
        state.FailureCount = 0;
        state.LastFailure = null;
        state.State = LlmCircuitBreaker.Closed;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new { message = $"Circuit breaker for {modelName} has been reset", new_state = LlmCircuitBreaker.Closed });
    }

    /// <summary>L6.</summary>
    public static async Task<IResult> HealthStatusAsync(CvTailorDbContext db, TimeProvider time, CancellationToken ct)
    {
        var states = await db.CircuitBreakerStates.AsNoTracking().OrderBy(s => s.ModelName).ToListAsync(ct);
        var since = time.UtcNow().AddHours(-24);
        return TypedResults.Ok(new
        {
            total_models = states.Count,
            healthy_models = states.Count(s => s.State == LlmCircuitBreaker.Closed),
            unhealthy_models = states.Count(s => s.State != LlmCircuitBreaker.Closed),
            models_by_state = States.ToDictionary(s => s, s => states.Count(x => x.State == s)),
            recent_failures = states.Where(s => s.LastFailure >= since)
                .Select(s => new { model_name = s.ModelName, failure_count = s.FailureCount, last_failure = s.LastFailure, state = s.State }),
        });
    }

    static async Task<IResult> UpdateAsync(string modelName, HttpRequest request, CurrentUser user, CvTailorDbContext db, bool partial, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.SingleOrDefaultAsync(s => s.ModelName == modelName, ct);
        if (state is null)
        {
            return NotFound();
        }
        if (!await LlmAccess.IsStaffAsync(db, user, ct))
        {
            return LlmAccess.Forbidden();
        }
        var read = await RequestFields.ReadAsync(request, ct);
        if (read.Error is not null)
        {
            return read.Error;
        }
        var errors = new FieldErrors();
        var body = read.Fields!.Values;
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
