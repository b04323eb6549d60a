using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CvTailor.LocalPostgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// The real AppHost's application model started once per test run with Aspire.Hosting.Testing (<see cref="SharedAsync"/>):
/// DCP, the Aspire dashboard, the local PostgreSQL, migrate, model, Embeddings and Api, every resource healthy. Without
/// the orchestrator the testing builder throws and the tests fail with its reason; nothing is skipped. The orchestrator
/// watches this test process and takes everything down when it exits.
/// </summary>
public sealed class AspireAppFixture
{
    static readonly Lazy<Task<AspireAppFixture>> s_shared = new(async () =>
    {
        var fixture = new AspireAppFixture();
        await fixture.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => fixture.DisposeAsync().GetAwaiter().GetResult();
        return fixture;
    });

    /// <summary>One running system for every test class that needs it (started by the first that asks).</summary>
    public static Task<AspireAppFixture> SharedAsync => s_shared.Value;

    readonly string _data = Path.Combine(Path.GetTempPath(), $"cvtailor-aspire-{Guid.NewGuid():N}");
    readonly int _dashboardPort = LocalPostgresServer.FreePort();
    readonly int _otlpHttpPort = LocalPostgresServer.FreePort();
    readonly int _otlpGrpcPort = LocalPostgresServer.FreePort();
    IReadOnlyList<EndpointReference> _dashboardEndpoints = [];

    public DistributedApplication App { get; private set; } = null!;

    public Uri Api { get; private set; } = null!;

    // The testing builder puts proxies with random ports in front of the dashboard: ask the model where it is.
    public Uri Dashboard => DashboardEndpoint(e => e.EndpointName is "http" or "https");

    /// <summary>The dashboard's OTLP/HTTP receiver, where the services send their telemetry.</summary>
    public Uri OtlpHttp => DashboardEndpoint(e => e.EndpointName.Contains("otlp", StringComparison.Ordinal) && e.EndpointName.Contains("http", StringComparison.Ordinal));

    /// <summary>The dashboard's OTLP/gRPC receiver.</summary>
    public Uri OtlpGrpc => DashboardEndpoint(e => e.EndpointName.Contains("grpc", StringComparison.Ordinal));

    Uri DashboardEndpoint(Func<EndpointReference, bool> which) =>
        new(_dashboardEndpoints.FirstOrDefault(which)?.Url
            ?? throw new InvalidOperationException(
                $"The dashboard has no such endpoint; it has: {string.Join(", ", _dashboardEndpoints.Select(e => $"{e.EndpointName}={e.Url}"))}"));

    IConfiguration Configuration => App.Services.GetRequiredService<IConfiguration>();

    /// <summary>The key the dashboard's OTLP receiver asks for (Aspire generates it per run; null when unsecured).</summary>
    public string? OtlpApiKey => Configuration["AppHost:OtlpApiKey"];

    async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CvTailor_AppHost>(
            [
                $"--AppHost:DataDirectory={_data}",
                // Explicit free ports: "any port" (0) comes from the orchestrator's own range, the same in every AppHost.
                $"--AppHost:Ports:api={LocalPostgresServer.FreePort().ToString(CultureInfo.InvariantCulture)}",
                $"--AppHost:Ports:embeddings={LocalPostgresServer.FreePort().ToString(CultureInfo.InvariantCulture)}",
                $"--AppHost:Ports:dashboard={_dashboardPort.ToString(CultureInfo.InvariantCulture)}",
                $"--AppHost:Ports:otlp-grpc={_otlpGrpcPort.ToString(CultureInfo.InvariantCulture)}",
                $"--AppHost:Ports:otlp-http={_otlpHttpPort.ToString(CultureInfo.InvariantCulture)}",
            ],
            (options, _) => options.DisableDashboard = false,
            cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "postgres", "cvtailor", "embeddings", "api" })
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
            catch (OperationCanceledException timedOut) when (cts.IsCancellationRequested)
            {
                // Aspire's message has the health reports; why the resource never got there is in its own output.
                throw new TimeoutException($"{timedOut.Message}\nLast output of '{resource}':\n{await LastOutputAsync(resource)}", timedOut);
            }
        }
        Api = App.GetEndpoint("api", "http");
        var dashboard = App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<IResourceWithEndpoints>().Single(r => r.Name == "aspire-dashboard");
        _dashboardEndpoints = dashboard.GetEndpoints().ToList();
    }

    async Task<string> LastOutputAsync(string resourceName)
    {
        var resource = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var lines = new List<string>();
        using var backlogOnly = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource).WithCancellation(backlogOnly.Token))
            {
                lines.AddRange(batch.Select(l => l.Content));
            }
        }
        catch (OperationCanceledException) when (backlogOnly.IsCancellationRequested)
        {
            // The backlog has been read; the watch itself never ends.
        }
        return string.Join('\n', lines.TakeLast(80));
    }

    /// <summary>The dashboard's telemetry API's list of resources that sent telemetry (raw JSON, for diagnostics).</summary>
    public async Task<string> TelemetryResourcesAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Dashboard, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/resources");
        if (Configuration["AppHost:DashboardApiKey"] is { Length: > 0 } key)
        {
            request.Headers.Add("x-api-key", key);
        }
        using var response = await http.SendAsync(request, ct);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
    }

    /// <summary>
    /// Spans the dashboard holds for <paramref name="resource"/>, read through its telemetry API (OTLP JSON), as the
    /// flat list of span objects.
    /// </summary>
    public async Task<IReadOnlyList<DashboardSpan>> SpansAsync(string resource, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Dashboard, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/telemetry/spans?resource={Uri.EscapeDataString(resource)}&limit=100000");
        if (Configuration["AppHost:DashboardApiKey"] is { Length: > 0 } key)
        {
            request.Headers.Add("x-api-key", key);
        }
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var spans = new List<JsonElement>();
        Collect(body.RootElement, spans);
        return spans.Select(DashboardSpan.Parse).ToList();
    }

    // OTLP JSON nests spans as resourceSpans[].scopeSpans[].spans[]; the API wraps that in its own envelope, so find
    // every "spans" array wherever it is.
    static void Collect(JsonElement element, List<JsonElement> spans)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("spans") && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        spans.AddRange(property.Value.EnumerateArray().Select(s => s.Clone()));
                    }
                    else
                    {
                        Collect(property.Value, spans);
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, spans);
                }
                break;
        }
    }

    async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp directory; the postgres OS user owns parts of it when the tests run as root.
        }
    }
}
