using System.Diagnostics;

namespace CvTailor.LocalPostgres;

/// <summary>Runs a short-lived command to completion, streaming its output lines.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> args, Action<string>? onLine, CancellationToken ct, string? runAsUser = null)
    {
        var psi = ProcessSpawner.CreateStartInfo(fileName, args, runAsUser);
        psi.RedirectStandardInput = false;
        using var process = await ProcessSpawner.Shared.StartAsync(psi);
        var output = new System.Text.StringBuilder();
        void OnData(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            onLine?.Invoke(e.Data);
        }
        process.OutputDataReceived += OnData;
        process.ErrorDataReceived += OnData;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}
