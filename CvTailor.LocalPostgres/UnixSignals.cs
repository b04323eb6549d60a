using System.Runtime.InteropServices;

namespace CvTailor.LocalPostgres;

/// <summary>POSIX signals for graceful stops; <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.</summary>
public static partial class UnixSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
