using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Our equivalent of Aspire's <c>AddNpgsqlDbContext</c>: a pooled DbContext on one shared NpgsqlDataSource with
/// pgvector, retry on transient failures, a DbContext health check, and Npgsql tracing/metrics (registered by
/// ConfigureOpenTelemetry).
/// </summary>
public static class NpgsqlDbContextExtensions
{
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Start the system through the AppHost, or set " +
                $"ConnectionStrings__{connectionName} to a PostgreSQL connection string.");

        builder.Services.AddNpgsqlDataSource(connectionString, ds => ds.UseVector());
        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql =>
            {
                npgsql.UseVector();
                npgsql.EnableRetryOnFailure();
            });
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{connectionName}-db", tags: ["ready"]);
        return builder;
    }
}
