using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CvTailor.Tests.Dashboard;
using Microsoft.Playwright;

namespace CvTailor.Tests.EndToEnd;

/// <summary>
/// The whole system in a real browser: the AppHost with PostgreSQL, Embeddings, Api and its dashboard; a request to
/// the Api shows up as a trace whose waterfall holds the Api's and PostgreSQL's spans, every resource is healthy, and
/// logs and metrics pages have data. Screenshots go to <c>artifacts/system/</c> under the test output directory.
/// </summary>
[Collection(nameof(AppHostTests))]
public sealed partial class SystemDashboardTests : IDisposable
{
    readonly string _data = Path.Combine(Path.GetTempPath(), $"cvtailor-sys-{Guid.NewGuid():N}");
    readonly string _artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "system");

    [Fact]
    public async Task A_request_to_the_api_appears_as_a_trace_with_database_spans_and_all_resources_are_healthy()
    {
        await DashboardBrowser.EnsureChromiumAsync();
        Directory.CreateDirectory(_artifacts);
        await using var host = AppHostProcess.Start(_data);
        await host.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        var api = host.EndpointOf("api")!;
        var login = host.EndpointOf("dashboard")!;

        // A request that reaches the database: register a user, then read the profile with its token.
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        using var register = await http.PostAsJsonAsync("/api/v1/auth/register/",
            new { email, password = "a-Long-passphrase-42", password_confirm = "a-Long-passphrase-42", first_name = "Ada" });
        Assert.Equal(System.Net.HttpStatusCode.Created, register.StatusCode);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var ui = new Uri(login);

        await page.GotoAsync(login);
        await DashboardBrowser.WaitInteractiveAsync(page);
        var resources = page.GetByRole(AriaRole.Table, new() { Name = "Resources" });
        foreach (var name in new[] { "postgres", "cvtailor", "embeddings", "api" })
        {
            var row = resources.Locator("tbody tr").Filter(new() { Has = page.Locator($"td:first-child strong:text-is('{name}')") });
            await Assertions.Expect(row.First).ToContainTextAsync("Healthy");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "resources.png"), FullPage = true });

        // The trace of the registration: Api server span with PostgreSQL client spans under it.
        await page.GotoAsync(new Uri(ui, "/traces").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        var trace = page.GetByRole(AriaRole.Link, new() { NameRegex = RegisterTrace() });
        await Assertions.Expect(trace.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await trace.First.ClickAsync();
        await DashboardBrowser.WaitInteractiveAsync(page);
        var rows = page.Locator(".wf-row");
        await Assertions.Expect(rows.First).ToContainTextAsync("api");
        var dbRow = rows.Filter(new() { HasTextRegex = DatabaseSpan() });
        await Assertions.Expect(dbRow.First).ToBeVisibleAsync();
        await dbRow.First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Span details")).ToContainTextAsync("postgresql");
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "trace.png"), FullPage = true });

        // Structured logs and metrics from the real services.
        await page.GotoAsync(new Uri(ui, "/structuredlogs").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Log records" }).Locator("tbody tr").First)
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "structured-logs.png"), FullPage = true });

        await page.GotoAsync(new Uri(ui, "/metrics").ToString());
        await DashboardBrowser.WaitInteractiveAsync(page);
        var instrument = page.GetByRole(AriaRole.Button, new() { Name = "http.server.request.duration" });
        await Assertions.Expect(instrument.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await instrument.First.ClickAsync();
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(_artifacts, "metrics.png"), FullPage = true });

        Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(60)));
    }

    [GeneratedRegex("api: .*register", RegexOptions.IgnoreCase)]
    private static partial Regex RegisterTrace();

    [GeneratedRegex("postgresql|cvtailor|INSERT|SELECT")]
    private static partial Regex DatabaseSpan();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp directory; the postgres OS user may own parts of it.
        }
    }
}
