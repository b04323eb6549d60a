using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Dashboard;

/// <summary>Starts the dashboard beside the application model, as Aspire's AppHost does implicitly.</summary>
public static class DashboardApplicationExtensions
{
    /// <summary>
    /// Starts the dashboard (UI + OTLP receivers) while the resources start, hands every child the OTLP endpoint and
    /// API key, and adds the dashboard's login URL to the resource table. <c>Dashboard:Enabled=false</c> skips it.
    /// </summary>
    public static IAsyncDisposable? StartDashboard(this DistributedApplication app, DistributedApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Dashboard:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var catalog = new HostingResourceCatalog(app.Resources);
        var dashboard = DashboardHost.Create(builder.Configuration, catalog);
        var started = StartAsync(dashboard, builder);
        builder.Host.Prepared = started;
        app.ExtraRows.Add(("dashboard", "Dashboard",
            () => started.IsCompletedSuccessfully ? "Running" : started.IsFaulted ? "FailedToStart" : "Starting",
            () => started.IsCompletedSuccessfully ? dashboard.LoginUrl.ToString() : ""));
        return new Lifetime(dashboard, catalog, started);
    }

    static async Task StartAsync(DashboardHost dashboard, DistributedApplicationBuilder builder)
    {
        await dashboard.StartAsync();
        foreach (var (name, value) in dashboard.GetOtlpEnvironment())
        {
            builder.Host.ChildEnvironment[name] = value;
        }
        // Aspire's development defaults: export often so the dashboard feels live.
        builder.Host.ChildEnvironment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        builder.Host.ChildEnvironment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        builder.Host.ChildEnvironment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
    }

    sealed class Lifetime(DashboardHost dashboard, HostingResourceCatalog catalog, Task started) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await started.ContinueWith(_ => { }, TaskScheduler.Default);
            await dashboard.DisposeAsync();
            catalog.Dispose();
        }
    }
}
