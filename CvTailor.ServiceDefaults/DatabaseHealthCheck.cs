using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Puts <see cref="DatabaseAvailability"/> in front of the database health check the Aspire EF integration registers:
/// during a known outage the check is unhealthy at once (a pooled connection would otherwise report a hung server
/// as healthy, or hang), and otherwise it runs with <see cref="DatabaseResilienceOptions.HealthCheckTimeout"/>.
/// </summary>
sealed class DatabaseHealthCheck(DatabaseAvailability availability, IHealthCheck inner) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        availability.DownSince is { } since
            ? Task.FromResult(HealthCheckResult.Unhealthy($"PostgreSQL unreachable since {since:O}"))
            : inner.CheckHealthAsync(context, cancellationToken);

    /// <summary>Wraps the registrations named for <typeparamref name="TContext"/> (Aspire names them after the context type).</summary>
    public static void Guard<TContext>(IServiceCollection services, TimeSpan timeout)
    {
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name.EndsWith(typeof(TContext).Name, StringComparison.Ordinal)))
            {
                var factory = registration.Factory;
                registration.Factory = sp => new DatabaseHealthCheck(sp.GetRequiredService<DatabaseAvailability>(), factory(sp));
                registration.Timeout = timeout;
            }
        });
    }
}
