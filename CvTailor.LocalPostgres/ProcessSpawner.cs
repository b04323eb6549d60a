using System.Collections.Concurrent;
using System.Diagnostics;

namespace CvTailor.LocalPostgres;

/// <summary>
/// Starts every child process from one long-lived thread. Children are started under
/// <c>setpriv --pdeathsig TERM</c> so they die with the host even on SIGKILL; the kernel sends that signal when the
/// *thread* that forked them exits, so forking from thread-pool threads (which retire) would kill children at random.
/// </summary>
public sealed class ProcessSpawner : IDisposable
{
    static readonly Lazy<ProcessSpawner> s_shared = new(() => new ProcessSpawner());
    readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Done)> _queue = new();
    readonly Thread _thread;

    public static ProcessSpawner Shared => s_shared.Value;

    /// <summary>True where util-linux <c>setpriv</c> and <c>setsid</c> exist (Linux); elsewhere children are started plainly.</summary>
    public static bool HasSetpriv { get; } =
        OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv") && File.Exists("/usr/bin/setsid");

    ProcessSpawner()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "cvtailor-process-spawner" };
        _thread.Start();
    }

    /// <summary>Builds a start info that runs <paramref name="fileName"/> tied to this host's lifetime, optionally as another OS user.</summary>
    public static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, string? runAsUser = null)
    {
        var psi = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (HasSetpriv)
        {
            // setsid: a session of its own, so a terminal's Ctrl+C reaches only the host, which then stops the
            // children in reverse dependency order instead of all of them at once.
            psi.FileName = "/usr/bin/setsid";
            psi.ArgumentList.Add("/usr/bin/setpriv");
            if (runAsUser is not null)
            {
                psi.ArgumentList.Add($"--reuid={runAsUser}");
                psi.ArgumentList.Add($"--regid={runAsUser}");
                psi.ArgumentList.Add("--init-groups");
            }
            // Set after the uid change: the kernel clears the parent-death signal when credentials change.
            psi.ArgumentList.Add("--pdeathsig");
            psi.ArgumentList.Add("TERM");
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(fileName);
        }
        else if (runAsUser is not null)
        {
            throw new PlatformNotSupportedException($"Running a child as '{runAsUser}' needs util-linux setpriv.");
        }
        else
        {
            psi.FileName = fileName;
        }
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    public Task<Process> StartAsync(ProcessStartInfo info)
    {
        var tcs = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((info, tcs));
        return tcs.Task;
    }

    void Run()
    {
        foreach (var (info, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                var p = new Process { StartInfo = info, EnableRaisingEvents = true };
                p.Start();
                done.SetResult(p);
            }
#pragma warning disable CA1031 // the caller receives the exception through the task
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.SetException(ex);
            }
        }
    }

    public void Dispose() => _queue.CompleteAdding();
}
