using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// The real AppHost executable run in publish mode to completion, with its output, exit code, wall-clock time and
/// every child process it was seen to start (sampled from /proc while it ran).
/// </summary>
public sealed record AppHostPublishRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed, IReadOnlyList<int> ChildrenSeen)
{
    public static async Task<AppHostPublishRun> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(AppHostProcess.RepositoryRoot, "CvTailor.AppHost", "bin", configuration, "net10.0", "CvTailor.AppHost.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppHostProcess.RepositoryRoot,
        };
        psi.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var children = new HashSet<int>();
        var exited = process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            children.UnionWith(ChildrenOf(process.Id));
            await Task.WhenAny(exited, Task.Delay(5));
        }
        await exited.WaitAsync(TimeSpan.FromMinutes(2));
        process.WaitForExit(); // flushes the redirected streams
        clock.Stop();
        lock (stdout)
        {
            lock (stderr)
            {
                return new AppHostPublishRun(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed, [.. children]);
            }
        }
    }

    /// <summary>Direct children from every thread's <c>children</c> list (empty once the process is gone).</summary>
    static List<int> ChildrenOf(int pid)
    {
        var result = new List<int>();
        try
        {
            foreach (var task in Directory.GetDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                result.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            }
        }
        catch (IOException)
        {
            // Exited while we looked.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
        return result;
    }
}
