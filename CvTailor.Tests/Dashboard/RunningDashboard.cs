using CvTailor.AppHost.Dashboard;
using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Dashboard.Store;

namespace CvTailor.Tests.Dashboard;

/// <summary>A real <see cref="DashboardHost"/> on free loopback ports, stopped on dispose.</summary>
public sealed class RunningDashboard : IAsyncDisposable
{
    RunningDashboard(DashboardHost host, InMemoryResourceCatalog catalog)
    {
        Host = host;
        Catalog = catalog;
    }

    public DashboardHost Host { get; }

    public InMemoryResourceCatalog Catalog { get; }

    public TelemetryStore Store => Host.Store;

    public static async Task<RunningDashboard> StartAsync(TelemetryLimits? limits = null, int maxRequestBodyBytes = 4 * 1024 * 1024, InMemoryResourceCatalog? catalog = null)
    {
        catalog ??= new InMemoryResourceCatalog();
        var host = new DashboardHost(
            new DashboardOptions
            {
                UiPort = 0,
                OtlpGrpcPort = 0,
                OtlpHttpPort = 0,
                MaxRequestBodyBytes = maxRequestBodyBytes,
                Limits = limits ?? new TelemetryLimits(),
            },
            catalog);
        await host.StartAsync();
        return new RunningDashboard(host, catalog);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
