using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CvTailor.LocalPostgres;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// The real AppHost started as a process, as a developer starts it (its orchestrator and dashboard included), with its
/// output captured.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _lines = new();
    readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    AppHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public string Output => string.Join('\n', _lines);
    public Process Process => _process;

    public static string RepositoryRoot =>
        Path.GetDirectoryName(PostgresBinaries.FindRepoFile("CvTailor.sln"))
        ?? throw new InvalidOperationException("CvTailor.sln not found above the test directory.");

    public static AppHostProcess Start(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot, "CvTailor.AppHost", "bin", configuration, "net10.0", "CvTailor.AppHost.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        psi.ArgumentList.Add(dll);
        // What `dotnet run` takes from the launch profile.
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["AppHost__DataDirectory"] = dataDirectory;
        // Explicit free ports, not 0: the orchestrator hands out "any port" from its own range, the same way in every
        // AppHost, so two AppHosts that overlap (one still stopping) could be given the same one.
        foreach (var port in new[] { "api", "embeddings", "dashboard", "otlp-grpc", "otlp-http" })
        {
            psi.Environment[$"AppHost__Ports__{port}"] = LocalPostgresServer.FreePort().ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        return new AppHostProcess(Process.Start(psi)!);
    }

    void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lines.Enqueue(line);
        if (line.Contains("All resources healthy", StringComparison.Ordinal))
        {
            _healthy.TrySetResult();
        }
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_healthy.Task, exited, Task.Delay(timeout));
        if (done != _healthy.Task)
        {
            throw new TimeoutException($"AppHost not healthy (exited: {_process.HasExited}). Output:\n{Output}");
        }
        // The table follows the healthy line; give it a moment to be printed.
        for (var i = 0; i < 50 && EndpointOf("api") is null; i++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>The first URL the resource table prints for <paramref name="resource"/>.</summary>
    public string? EndpointOf(string resource)
    {
        foreach (var line in _lines)
        {
            var m = TableRow().Match(line);
            if (m.Success && m.Groups["name"].Value == resource)
            {
                return m.Groups["url"].Value;
            }
        }
        return null;
    }

    /// <summary>
    /// This process, its orchestrator (DCP runs detached, reparented to init, and names the AppHost it serves with
    /// <c>--monitor PID</c>) and every process below either, from /proc.
    /// </summary>
    public IReadOnlyList<int> DescendantsAndSelf()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(afterName[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }
        var result = new List<int> { _process.Id };
        var monitor = $"--monitor\0{_process.Id.ToString(CultureInfo.InvariantCulture)}\0";
        foreach (var pid in parents.Keys)
        {
            try
            {
                if (File.ReadAllText($"/proc/{pid}/cmdline").Contains(monitor, StringComparison.Ordinal))
                {
                    result.Add(pid);
                }
            }
            catch (IOException)
            {
                // Exited while we looked.
            }
        }
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(parents.Where(p => p.Value == result[i] && !result.Contains(p.Key)).Select(p => p.Key));
        }
        return result;
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs any more; fails naming what is left.</summary>
    public static async Task WaitAllExitedAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (pids.Any(IsAlive) && clock.Elapsed < timeout)
        {
            await Task.Delay(200);
        }
        var left = pids.Where(IsAlive).Select(p => $"{p} {CommandLine(p)}").ToList();
        Assert.True(left.Count == 0, $"left running {timeout.TotalSeconds:0} s after the AppHost: {string.Join("; ", left)}");
    }

    /// <summary>The process's command line with spaces between arguments; empty once it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            UnixSignals.Send(_process.Id, UnixSignals.SigTerm);
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^\s+(?<name>[a-z][\w-]*)\s+\S+\s+\S+\s+(?<url>(https?|tcp)://\S+)")]
    private static partial Regex TableRow();
}
