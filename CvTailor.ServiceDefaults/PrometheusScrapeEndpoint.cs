using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Opt-in Prometheus scrape endpoint for SREs who scrape rather than receive OTLP: with
/// <c>Telemetry:Prometheus:Enabled=true</c> the service's metrics (the same meters OTLP exports) are served in the
/// Prometheus text format at <c>Telemetry:Prometheus:Path</c> (default <c>/metrics</c>). Off by default because the
/// endpoint is unauthenticated: expose it only to the scraper's network.
/// </summary>
public static class PrometheusScrapeEndpoint
{
    public const string EnabledKey = "Telemetry:Prometheus:Enabled";
    public const string PathKey = "Telemetry:Prometheus:Path";
    public const string DefaultPath = "/metrics";

    public static TBuilder AddPrometheusScrapeEndpoint<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue<bool>(EnabledKey))
        {
            return builder;
        }

        var path = builder.Configuration[PathKey] is { Length: > 0 } configured ? configured : DefaultPath;
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"{PathKey} must start with '/', not '{path}'.");
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        // A startup filter puts the endpoint in front of the app's own pipeline, so no Program.cs has to map it.
        builder.Services.AddSingleton<IStartupFilter>(new ScrapeStartupFilter(path));
        return builder;
    }

    sealed class ScrapeStartupFilter(string path) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(path);
            next(app);
        };
    }
}
