using System.Net;
using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Dashboard.Store;
using Google.Protobuf;

namespace CvTailor.Tests.Dashboard;

/// <summary>
/// The UI over real HTTP: the browser token logs in (cookie), and each page's server-rendered HTML shows the data
/// the store and catalog hold. Interactivity (live updates, buttons) needs a browser and is not covered here.
/// </summary>
public sealed class DashboardPageTests : IAsyncLifetime, IDisposable
{
    RunningDashboard _dashboard = default!;
    readonly CookieContainer _cookies = new();
    HttpClient _browser = default!;

    public async Task InitializeAsync()
    {
        var catalog = new InMemoryResourceCatalog();
        catalog.Upsert(new ResourceSnapshot
        {
            Name = "api",
            Type = ResourceType.Project,
            ReplicaId = "api-7f3a",
            State = "Running",
            Health = ResourceHealth.Healthy,
            StartedAt = DateTimeOffset.UtcNow,
            Endpoints = [new ResourceEndpoint("http", "http://127.0.0.1:5080")],
            Environment = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "hunter2" },
        });
        catalog.Upsert(new ResourceSnapshot { Name = "postgres", Type = ResourceType.Database, State = "Running", CanControl = false });
        catalog.WriteConsole("api", "api-7f3a", "Now listening on: http://127.0.0.1:5080");
        catalog.WriteConsole("api", "api-7f3a", "Application started.");
        _dashboard = await RunningDashboard.StartAsync(catalog: catalog);
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            BaseAddress = _dashboard.Host.UiUrl,
        };
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Pages_require_the_browser_token_and_a_wrong_token_is_refused()
    {
        using var anonymous = await _browser.GetAsync("/traces");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        // The Blazor circuit endpoint is protected too, not only the pages.
        using var negotiate = await _browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, negotiate.StatusCode);

        using var wrong = await _browser.GetAsync("/login?t=not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(_cookies.GetCookies(_dashboard.Host.UiUrl));

        using var form = await _browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Browser token", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_login_every_page_renders_the_stored_telemetry()
    {
        var traceRequest = OtlpRequests.Traces("api", 1);
        var traceId = OtlpConversion.ToHex(traceRequest.ResourceSpans[0].ScopeSpans[0].Spans[0].TraceId);
        _dashboard.Store.AddTraces(traceRequest);
        var logs = OtlpRequests.Logs("api", 1);
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords[0].Body.StringValue = "Artifact 42 embedded";
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords[0].TraceId = traceRequest.ResourceSpans[0].ScopeSpans[0].Spans[0].TraceId;
        _dashboard.Store.AddLogs(logs);

        using (var login = await _browser.GetAsync(_dashboard.Host.LoginUrl.PathAndQuery + "&returnUrl=%2Ftraces"))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/traces", login.Headers.Location?.OriginalString);
        }

        using (var negotiate = await _browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null))
        {
            Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        }

        var resources = await PageAsync("/");
        Assert.Contains("api-7f3a", resources, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080", resources, StringComparison.Ordinal);
        Assert.Contains("Healthy", resources, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", resources, StringComparison.Ordinal);

        Assert.Contains("Application started.", await PageAsync("/console?resource=api&replica=api-7f3a"), StringComparison.Ordinal);

        var structured = await PageAsync("/structuredlogs?text=embedded");
        Assert.Contains("Artifact 42 embedded", structured, StringComparison.Ordinal);
        Assert.Contains($"/traces/{traceId}", structured, StringComparison.Ordinal);

        var traces = await PageAsync("/traces");
        Assert.Contains("span 0", traces, StringComparison.Ordinal);
        Assert.Contains(traceId[..8], traces, StringComparison.Ordinal);

        var waterfall = await PageAsync($"/traces/{traceId}");
        Assert.Contains("wf-bar", waterfall, StringComparison.Ordinal);
        Assert.Contains("payload", waterfall, StringComparison.Ordinal);

        _dashboard.Store.AddMetrics(OtlpRequests.Gauge("api", "cvtailor.queue.depth", 3, "embeddings"));
        _dashboard.Store.AddMetrics(OtlpRequests.Gauge("api", "cvtailor.queue.depth", 5, "embeddings"));
        var metrics = await PageAsync("/metrics?resource=api&scope=test.meter&instrument=cvtailor.queue.depth");
        Assert.Contains("cvtailor.queue.depth", metrics, StringComparison.Ordinal);
        Assert.Contains("<polyline", metrics, StringComparison.Ordinal);
        Assert.Contains("dim=embeddings", metrics, StringComparison.Ordinal);
    }

    async Task<string> PageAsync(string path)
    {
        using var response = await _browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
