using System.Diagnostics;
using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>
/// The NFKC check: available in this process (ICU present), and what it is for: the Embeddings service, started as
/// a process under invariant globalization, refuses to start and says why.
/// </summary>
public sealed class UnicodeNormalizationCheckTests
{
    [Fact]
    public void Is_available_in_this_process() => Assert.True(UnicodeNormalizationCheck.IsAvailable());

    [Fact]
    public async Task The_embeddings_service_refuses_to_start_under_invariant_globalization()
    {
        var service = Path.Combine(AppContext.BaseDirectory, "CvTailor.Embeddings.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(service);
        info.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        // Never reached: the check runs while services are registered, before anything connects.
        info.Environment["ConnectionStrings__cvtailor"] = "Host=127.0.0.1;Port=1;Database=unused";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The service did not exit under invariant globalization. Output:\n{await stdout}");
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("NFKC", await stderr, StringComparison.Ordinal);
    }
}
