using CvTailor.AppHost.Dashboard;
using CvTailor.AppHost.Dashboard.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CvTailor.Tests.Dashboard;

/// <summary>
/// The variables the dashboard hands to services (<see cref="DashboardHost.GetOtlpEnvironment"/>), given to a real
/// service built with <c>AddServiceDefaults()</c>, make its request spans and logs arrive in the dashboard, on both
/// protocols: the same path the AppHost's children take.
/// </summary>
public sealed class ServiceDefaultsExportTests
{
    [Theory]
    [InlineData(OtlpProtocol.Grpc)]
    [InlineData(OtlpProtocol.HttpProtobuf)]
    public async Task A_service_configured_only_by_the_dashboard_environment_exports_to_it(OtlpProtocol protocol)
    {
        await using var dashboard = await RunningDashboard.StartAsync();
        var instanceId = $"svc-{Guid.NewGuid():N}";
        var settings = dashboard.Host.GetOtlpEnvironment(protocol).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["OTEL_SERVICE_NAME"] = "defaults-service";
        settings["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}";

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using (var service = builder.Build())
        {
            service.MapDefaultEndpoints();
            service.MapGet("/hello/{name}", (string name, ILogger<ServiceDefaultsExportTests> log) =>
            {
                log.LogInformation("Greeting {Name}", name);
                return TypedResults.Ok($"hello {name}");
            });
            await service.StartAsync();
            using var http = new HttpClient();
            Assert.Equal("\"hello ada\"", await http.GetStringAsync(new Uri(new Uri(service.Urls.First()), "/hello/ada")));
            await service.StopAsync(); // flushes the exporters
        }

        var key = TelemetryResource.ResourceKey("defaults-service", instanceId);
        // In one process the service's instrumentation also sees the test's HttpClient and the dashboard's own
        // Kestrel, so look for the service's server span rather than counting traces.
        var trace = Assert.Single(dashboard.Store.GetTraces(new TraceQuery(ResourceKey: key, Text: "/hello/{name}")));
        var span = Assert.Single(dashboard.Store.GetTrace(trace.TraceId), s => s.Kind == "Server");
        Assert.Equal("GET /hello/{name}", span.Name);
        Assert.Equal(key, span.Resource.Key);
        Assert.Contains(new TelemetryTag("http.route", "/hello/{name}"), span.Attributes);
        var log = Assert.Single(dashboard.Store.GetLogs(new LogQuery(ResourceKey: key, Text: "Greeting ada")));
        Assert.Equal(trace.TraceId, log.TraceId);
        Assert.Equal(span.SpanId, log.SpanId);
        Assert.NotEmpty(dashboard.Store.GetInstruments(key));
    }
}
