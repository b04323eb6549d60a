using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CvTailor.Tests.Dashboard;

/// <summary>The opt-in Prometheus endpoint of ServiceDefaults, on a real Kestrel service.</summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Enabled_by_configuration_the_service_serves_its_meters_in_prometheus_format()
    {
        await using var app = await StartServiceAsync(new() { [PrometheusScrapeEndpoint.EnabledKey] = "true" });
        using var meter = new Meter(CvTailorTelemetry.Api);
        meter.CreateCounter<long>("cvtailor.test.scrapes", unit: "{scrape}").Add(5);
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(new Uri(app.Urls.First()), "/metrics"));

        Assert.Contains("cvtailor_test_scrapes_total", body, StringComparison.Ordinal);
        Assert.Contains(" 5", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        await using var app = await StartServiceAsync([]);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(new Uri(app.Urls.First()), "/metrics"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    static async Task<WebApplication> StartServiceAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
