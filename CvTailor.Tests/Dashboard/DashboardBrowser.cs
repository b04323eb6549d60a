using System.Diagnostics;
using Microsoft.Playwright;

namespace CvTailor.Tests.Dashboard;

/// <summary>Debian's Chromium driven by Playwright, headless, for the browser tests (Playwright may not download its own).</summary>
public static class DashboardBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No background traffic: the machine's network is closed beyond loopback.
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage"],
        });

    /// <summary>Waits until the Blazor circuit is connected (the layout marks it).</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 15_000 });

    /// <summary>Installs Chromium through eng/provision-chromium.sh when missing, as the PostgreSQL fixture provisions PostgreSQL.</summary>
    public static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "eng", "provision-chromium.sh"));
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardError = true })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(File.Exists(ChromiumPath), $"Chromium is required for the browser tests and could not be installed: {stderr}");
    }
}
