using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry for console tools (the Migrator): the same sources, meters and OTLP settings as
/// <see cref="ServiceDefaultsExtensions.AddServiceDefaults{TBuilder}"/>, without a web host. The OTEL_* keys are read
/// from the given configuration by the SDK itself, exactly as the services read them.
/// </summary>
public static class ConsoleTelemetry
{
    /// <summary>
    /// Starts tracing and metrics export when OTEL_EXPORTER_OTLP_ENDPOINT is set; null otherwise (no exporter, no
    /// connection attempt). Disposing the result flushes and shuts the providers down, so a short run is not lost.
    /// </summary>
    public static ServiceProvider? Start(IConfiguration configuration, string defaultServiceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return null;
        }

        var settings = new ConfigurationBuilder()
            // Lowest precedence: OTEL_SERVICE_NAME from the environment (the AppHost sets it) wins.
            .AddInMemoryCollection([new KeyValuePair<string, string?>("OTEL_SERVICE_NAME", defaultServiceName)])
            .AddConfiguration(configuration)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(settings);
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Npgsql")
                .AddMeter(CvTailorTelemetry.MeterNames))
            .WithTracing(tracing => tracing
                .AddSource(CvTailorTelemetry.ActivitySourceNames)
                .AddNpgsql())
            .UseOtlpExporter();
        var provider = services.BuildServiceProvider();
        // Resolving the providers is what starts listening; nothing hosts them here.
        _ = provider.GetRequiredService<TracerProvider>();
        _ = provider.GetRequiredService<MeterProvider>();
        return provider;
    }
}
