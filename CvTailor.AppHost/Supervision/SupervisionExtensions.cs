using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CvTailor.AppHost.Supervision;

public static class SupervisionExtensions
{
    /// <summary>
    /// The console a developer reads: the dashboard on the documented ports (<c>AppHost:Ports:dashboard</c>,
    /// <c>otlp-grpc</c>, <c>otlp-http</c>; an explicit ASPNETCORE_URLS / ASPIRE_DASHBOARD_OTLP_* wins) and, in run
    /// mode, the start-up report.
    /// </summary>
    public static IDistributedApplicationBuilder AddCvTailorConsole(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        string Url(string key, int port) => $"http://localhost:{config.GetValue($"AppHost:Ports:{key}", port)}";
        // Plain HTTP on loopback for the dashboard and its resource service: no developer certificate on a fresh machine.
        config["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] ??= "true";
        config["ASPNETCORE_URLS"] ??= Url("dashboard", 18888);
        config["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ??= Url("otlp-grpc", 18889);
        config["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] ??= Url("otlp-http", 18890);
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddSingleton<StartupReporter>();
            builder.StartBeforeResources<StartupReporter>();
        }
        return builder;
    }

    /// <summary>Restarts these resources when they crash after having been healthy (see <see cref="CrashRestarter"/>).</summary>
    public static IDistributedApplicationBuilder RestartOnCrash(this IDistributedApplicationBuilder builder, params string[] resources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.ExecutionContext.IsRunMode)
        {
            var names = new HashSet<string>(resources, StringComparer.Ordinal);
            builder.Services.AddSingleton(sp => new CrashRestarter(
                names,
                sp.GetRequiredService<ResourceNotificationService>(),
                sp.GetRequiredService<ResourceCommandService>(),
                sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<CrashRestarter>>()));
            builder.StartBeforeResources<CrashRestarter>();
        }
        return builder;
    }

    /// <summary>
    /// Starts a watcher when the model is about to run, not as a hosted service: the orchestrator's own start does not
    /// return until every resource is created, which includes waiting for their dependencies.
    /// </summary>
    static void StartBeforeResources<T>(this IDistributedApplicationBuilder builder) where T : BackgroundService =>
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) =>
        {
            var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
            var watcher = e.Services.GetRequiredService<T>();
            // Not awaited: the watcher itself may be the one stopping the application.
            lifetime.ApplicationStopping.Register(() => _ = watcher.StopAsync(CancellationToken.None));
            var started = watcher.StartAsync(CancellationToken.None);
            // Nothing else observes the watcher's task (it is not a hosted service): a watcher that dies says so.
            var logger = e.Services.GetRequiredService<ILogger<T>>();
            _ = watcher.ExecuteTask?.ContinueWith(
                t => logger.LogError(t.Exception, "{Watcher} stopped with an error", typeof(T).Name),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return started;
        });
}
