using Microsoft.Extensions.Logging;

namespace CvTailor.AppHost.Hosting;

/// <summary>Run-once steps that call one of the repository's <c>eng/</c> scripts (idempotent provisioning).</summary>
public static class ScriptBuilderExtensions
{
    /// <summary>
    /// Adds a run-once step that runs <c>eng/{relativePath}</c> with bash; the step fails with the script's output
    /// when it exits non-zero.
    /// </summary>
    public static ResourceBuilder<RunOnceResource> AddEngScript(
        this DistributedApplicationBuilder builder, string name, string relativePath) =>
        builder.AddRunOnce(name, async (log, ct) =>
        {
            var script = PostgresBinaries.FindRepoFile(Path.Combine("eng", relativePath))
                ?? throw new FileNotFoundException($"eng/{relativePath} not found above the AppHost.");
            var result = await ProcessRunner.RunAsync("bash", [script], line => log.LogInformation("{Line}", line), ct);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"eng/{relativePath} exited with {result.ExitCode}");
            }
        });
}
