using CvTailor.AppHost.Dashboard.Resources;
using CvTailor.AppHost.Dashboard.Store;
using Microsoft.Playwright;

namespace CvTailor.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium driven by Playwright, headless): token login, the interactive
/// circuit (restart button, live console tail, filters, waterfall selection) and the metrics chart. Screenshots are
/// written to <c>artifacts/dashboard/</c> under the test output directory.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    RunningDashboard _dashboard = default!;
    IPlaywright _playwright = default!;
    IBrowser _browser = default!;
    int _restarts;
    readonly string _artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");

    public async Task InitializeAsync()
    {
        await DashboardBrowser.EnsureChromiumAsync();
        Directory.CreateDirectory(_artifacts);
        InMemoryResourceCatalog catalog = null!;
        catalog = new InMemoryResourceCatalog(restart: (name, _) =>
        {
            Interlocked.Increment(ref _restarts);
            catalog.Upsert(Api("Starting"));
            return Task.CompletedTask;
        });
        catalog.Upsert(Api("Running"));
        catalog.WriteConsole("api", "", "Now listening on: http://127.0.0.1:5080");
        _dashboard = await RunningDashboard.StartAsync(catalog: catalog);

        _playwright = await Playwright.CreateAsync();
        _browser = await DashboardBrowser.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task A_developer_logs_in_restarts_a_resource_tails_its_console_and_reads_traces_logs_and_metrics()
    {
        var traces = OtlpRequests.Traces("api", 3, traceEvery: 3);
        var spans = traces.ResourceSpans[0].ScopeSpans[0].Spans;
        spans[1].ParentSpanId = spans[0].SpanId;
        spans[2].ParentSpanId = spans[1].SpanId;
        _dashboard.Store.AddTraces(traces);
        var logs = OtlpRequests.Logs("api", 2);
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords[1].Body.StringValue = "Artifact {ArtifactId} embedded";
        logs.ResourceLogs[0].ScopeLogs[0].LogRecords[1].Attributes.Add(new CvTailor.AppHost.Dashboard.Otlp.Proto.Common.V1.KeyValue
        {
            Key = "ArtifactId",
            Value = new CvTailor.AppHost.Dashboard.Otlp.Proto.Common.V1.AnyValue { StringValue = "42" },
        });
        _dashboard.Store.AddLogs(logs);
        for (var i = 0; i < 5; i++)
        {
            _dashboard.Store.AddMetrics(OtlpRequests.Gauge("api", "cvtailor.queue.depth", i * 2, "embeddings"));
        }

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });

        // Login by token lands on Resources; secrets in the environment are masked.
        await page.GotoAsync(_dashboard.Host.LoginUrl.ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Resources" })).ToContainTextAsync("Running");
        await page.GetByText("environment").First.ClickAsync();
        var environment = page.GetByLabel("Environment of api");
        await Assertions.Expect(environment).ToContainTextAsync("POSTGRES_PASSWORD");
        await Assertions.Expect(environment).ToContainTextAsync(SecretMasking.Mask);
        await Assertions.Expect(environment).Not.ToContainTextAsync("hunter2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "resources.png"), FullPage = true });

        // Restart goes through the circuit to the orchestrator, and the new state shows without a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Resources" })).ToContainTextAsync("Starting");
        Assert.Equal(1, _restarts);

        // Console: a line written now appears by itself (live tail).
        await page.GotoAsync(new Uri(_dashboard.Host.UiUrl, "/console?resource=api").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("Now listening on");
        _dashboard.Catalog.WriteConsole("api", "", "live line from the api");
        await Assertions.Expect(page.GetByRole(AriaRole.Log)).ToContainTextAsync("live line from the api");
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "console.png"), FullPage = true });

        // Structured logs: the template is rendered and the text filter narrows the list.
        await page.GotoAsync(new Uri(_dashboard.Host.UiUrl, "/structuredlogs").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        var logTable = page.GetByRole(AriaRole.Table, new() { Name = "Log records" });
        await Assertions.Expect(logTable.Locator("tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("Artifact 42");
        await Assertions.Expect(logTable.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(logTable).ToContainTextAsync("Artifact 42 embedded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "structured-logs.png"), FullPage = true });

        // Traces: a new trace appears live; the waterfall nests the spans and shows the selected one.
        await page.GotoAsync(new Uri(_dashboard.Host.UiUrl, "/traces").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        var traceTable = page.GetByRole(AriaRole.Table, new() { Name = "Traces" });
        await Assertions.Expect(traceTable.Locator("tbody tr")).ToHaveCountAsync(1);
        _dashboard.Store.AddTraces(OtlpRequests.Traces("embeddings", 1));
        await Assertions.Expect(traceTable.Locator("tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "api: span 0" }).ClickAsync();
        await DashboardBrowser.WaitInteractiveAsync(page);
        var rows = page.Locator(".wf-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await rows.Nth(2).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "span 2" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "trace.png"), FullPage = true });

        // Metrics: choosing an instrument draws its chart.
        await page.GotoAsync(new Uri(_dashboard.Host.UiUrl, "/metrics").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "cvtailor.queue.depth" }).ClickAsync();
        await Assertions.Expect(page.Locator("svg.chart polyline")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("dim=embeddings: 8");
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "metrics.png"), FullPage = true });
    }

    static ResourceSnapshot Api(string state) => new()
    {
        Name = "api",
        Type = ResourceType.Project,
        State = state,
        Health = state == "Running" ? ResourceHealth.Healthy : ResourceHealth.Unknown,
        StartedAt = DateTimeOffset.UtcNow,
        Endpoints = [new ResourceEndpoint("http", "http://127.0.0.1:5080")],
        Environment = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = "hunter2", ["ASPNETCORE_URLS"] = "http://127.0.0.1:5080" },
    };
}
