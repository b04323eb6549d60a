using System.Diagnostics;
using Npgsql;

namespace CvTailor.SqliteTransfer.Bench;

/// <summary>
/// pgloader loading an original SQLite file into a PostgreSQL database, timed from process start to exit. The
/// comparison tool of the benchmarks; install it with the distribution's package (<c>apt-get install pgloader</c>,
/// or eng/install-pgloader.sh).
/// </summary>
public static class PgloaderProcess
{
    /// <summary>
    /// Load options of the comparison: with its defaults, pgloader's Lisp heap runs out on rows holding two 1536-d
    /// vectors (≈ 70 KB of text); smaller batches let it finish.
    /// </summary>
    public static readonly IReadOnlyList<string> Settings = ["prefetch rows = 2000", "batch rows = 1000"];

    public sealed record Outcome(TimeSpan Elapsed, int ExitCode, string Output);

    /// <returns>null when pgloader is not installed.</returns>
    public static async Task<Outcome?> RunAsync(string sqliteFile, string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var url = $"postgresql://{Uri.EscapeDataString(target.Username ?? "postgres")}" +
            (string.IsNullOrEmpty(target.Password) ? "" : ":" + Uri.EscapeDataString(target.Password)) +
            $"@{target.Host}:{target.Port}/{target.Database}";
        var start = new ProcessStartInfo("pgloader") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--no-ssl-cert-verification");
        foreach (var setting in Settings)
        {
            start.ArgumentList.Add("--with");
            start.ArgumentList.Add(setting);
        }

        start.ArgumentList.Add($"sqlite://{sqliteFile}");
        start.ArgumentList.Add(url);
        var watch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            watch.Stop();
            return new Outcome(watch.Elapsed, process.ExitCode, await stdout + await stderr);
        }
    }
}
