using System.Diagnostics;
using System.Globalization;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// The real Embeddings service as its own process (<c>dotnet CvTailor.Embeddings.dll</c>), so its memory can be read
/// from <c>/proc</c>: resident set now (<c>VmRSS</c>) and its high-water mark (<c>VmHWM</c>, resettable).
/// </summary>
public sealed class EmbeddingsProcess : IAsyncDisposable
{
    readonly Process _process;

    EmbeddingsProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static EmbeddingsProcess Start(string connectionString, string? storageRoot = null, IDictionary<string, string>? settings = null)
    {
        EmbeddingsServer.EnsureModel();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "CvTailor.Embeddings", "bin", configuration, "net10.0", "CvTailor.Embeddings.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ConnectionStrings__cvtailor"] = connectionString;
        if (storageRoot is not null)
        {
            info.Environment["Storage__Root"] = storageRoot;
        }
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Embeddings__Worker__PollInterval"] = "00:00:00.500";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EmbeddingsProcess(process);
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public long ResidentBytes() => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>Peak resident memory since start or the last <see cref="ResetPeak"/>, in bytes.</summary>
    public long PeakResidentBytes() => ReadStatusKilobytes("VmHWM:") * 1024;

    /// <summary>Resets the kernel's peak-RSS mark to the current RSS (<c>echo 5 &gt; /proc/PID/clear_refs</c>).</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"{field} not in /proc/{_process.Id}/status");
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CvTailor.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("CvTailor.sln not found above the test directory.");
    }

    /// <summary>SIGKILL: no shutdown, no rollback message; held leases just stop being renewed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
