using CvTailor.Data;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Llm.Chat;

/// <summary>
/// The original's circuit breaker (contract §4.5) over <c>circuit_breaker_states</c>: after <c>failure_threshold</c>
/// consecutive failures a model's circuit opens and calls are skipped (the deterministic text stands); after
/// <c>timeout_duration</c> seconds one call is let through (half-open); a success closes it. Shared by all Api
/// replicas through the row. Unlike the original, the timeout is the whole elapsed time, not its seconds component.
/// </summary>
public sealed class LlmCircuitBreaker(TimeProvider time)
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    public async Task<bool> AllowAsync(CvTailorDbContext db, string model, CancellationToken ct)
    {
        var state = await db.CircuitBreakerStates.AsNoTracking().SingleOrDefaultAsync(s => s.ModelName == model, ct);
        if (state is null || state.State != Open)
        {
            return true;
        }
        var now = time.UtcNow();
        if (state.LastFailure is { } last && last.AddSeconds(state.TimeoutDuration) <= now)
        {
            await db.CircuitBreakerStates.Where(s => s.ModelName == model && s.State == Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, HalfOpen).SetProperty(x => x.UpdatedAt, now), ct);
            return true;
        }
        return false;
    }

    public Task RecordSuccessAsync(CvTailorDbContext db, string model, CancellationToken ct)
    {
        var now = time.UtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO circuit_breaker_states (model_name, failure_count, last_failure, state, failure_threshold, timeout_duration, created_at, updated_at)
            VALUES ({model}, 0, NULL, {Closed}, 5, 30, {now}, {now})
            ON CONFLICT (model_name) DO UPDATE SET failure_count = 0, last_failure = NULL, state = {Closed}, updated_at = {now}
            """, ct);
    }

    public Task RecordFailureAsync(CvTailorDbContext db, string model, CancellationToken ct)
    {
        var now = time.UtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO circuit_breaker_states (model_name, failure_count, last_failure, state, failure_threshold, timeout_duration, created_at, updated_at)
            VALUES ({model}, 1, {now}, CASE WHEN 1 >= 5 THEN {Open} ELSE {Closed} END, 5, 30, {now}, {now})
            ON CONFLICT (model_name) DO UPDATE SET
                failure_count = circuit_breaker_states.failure_count + 1,
                last_failure = {now},
                state = CASE WHEN circuit_breaker_states.state = {HalfOpen}
                               OR circuit_breaker_states.failure_count + 1 >= circuit_breaker_states.failure_threshold
                             THEN {Open} ELSE circuit_breaker_states.state END,
                updated_at = {now}
            """, ct);
    }
}
