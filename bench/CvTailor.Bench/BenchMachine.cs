using System.Globalization;
using System.Runtime.InteropServices;

namespace CvTailor.Bench;

/// <summary>What a bench's figures were measured on: the machine, the date, and how busy it was (load average).</summary>
internal static class BenchMachine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "?".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>A comment line: date (UTC), cores, CPU model, memory, OS and .NET version.</summary>
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return string.Create(CultureInfo.InvariantCulture,
            $"# {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
            $"{memory ?? "? memory"}; {RuntimeInformation.OSDescription}; .NET {Environment.Version}");
    }
}
