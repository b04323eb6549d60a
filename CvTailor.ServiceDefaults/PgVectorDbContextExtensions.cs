using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The services' database, through Aspire's client integrations: one <see cref="NpgsqlDataSource"/> (Aspire.Npgsql)
/// shared by EF Core and the raw Npgsql paths (vector search, the job queue, LISTEN/NOTIFY), with pgvector's types
/// registered once, and a pooled DbContext on it enriched by Aspire.Npgsql.EntityFrameworkCore.PostgreSQL (health
/// check, traces, metrics). Connect timeout and retries come from <see cref="DatabaseResilienceOptions"/>; a
/// <see cref="DatabaseAvailability"/> watched by a probe tells callers when the server is away.
/// </summary>
public static class PgVectorDbContextExtensions
{
    public static IHostApplicationBuilder AddPgVectorDbContext<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(connectionName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Start the system through the AppHost, or set " +
                $"ConnectionStrings__{connectionName} to a PostgreSQL connection string.");
        }
        var resilience = builder.Configuration.GetSection(DatabaseResilienceOptions.SectionName).Get<DatabaseResilienceOptions>()
            ?? new DatabaseResilienceOptions();

        builder.AddNpgsqlDataSource(connectionName,
            // The DbContext check below asks the same server; one database check per service is enough.
            settings => settings.DisableHealthChecks = true,
            dataSource =>
            {
                dataSource.UseVector();
                resilience.Apply(dataSource.ConnectionStringBuilder);
            });
        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql =>
            {
                npgsql.UseVector();
                if (resilience.MaxRetryCount > 0)
                {
                    npgsql.EnableRetryOnFailure(resilience.MaxRetryCount, resilience.MaxRetryDelay, errorCodesToAdd: null);
                }
            });
            configure?.Invoke(options);
        });
        // Retries are ours (above), not the integration's default of six with up to 30 s between them.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);

        // One answer to "is the database there?" for the whole service (fast 503s, health, worker back-off).
        var connectionString = builder.Configuration.GetConnectionString(connectionName)!;
        builder.Services.AddSingleton(resilience);
        builder.Services.AddSingleton(new DatabaseProbeConnection(connectionString, resilience));
        builder.Services.AddSingleton<DatabaseAvailability>();
        builder.Services.AddHostedService<DatabaseAvailabilityProbe>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        DatabaseHealthCheck.Guard<TContext>(builder.Services, resilience.HealthCheckTimeout);
        return builder;
    }
}
