using System.Diagnostics;
using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>The start-up check, run in a child process with and without invariant globalization.</summary>
public sealed class UnicodeNormalizationCheckTests
{
    [Fact]
    public void Is_available_in_this_process() => Assert.True(UnicodeNormalizationCheck.IsAvailable());

    [Fact]
    public async Task Fails_fast_under_invariant_globalization()
    {
        var (exitCode, stderr) = await RunCheckAsync(invariant: true);
        Assert.Equal(1, exitCode);
        Assert.Contains("NFKC", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_with_icu()
    {
        var (exitCode, _) = await RunCheckAsync(invariant: false);
        Assert.Equal(0, exitCode);
    }

    static async Task<(int ExitCode, string Stderr)> RunCheckAsync(bool invariant)
    {
        var bench = Path.Combine(AppContext.BaseDirectory, "CvTailor.Bench.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(bench);
        info.ArgumentList.Add("check-normalization");
        info.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = invariant ? "1" : "0";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return (process.ExitCode, await stderr);
    }
}
