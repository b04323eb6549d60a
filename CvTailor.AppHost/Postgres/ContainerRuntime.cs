using CvTailor.LocalPostgres;

namespace CvTailor.AppHost.Postgres;

/// <summary>Whether Aspire's default container engine (Docker) answers here: the client alone is not enough.</summary>
public static class ContainerRuntime
{
    public static async Task<bool> AnswersAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var result = await ProcessRunner.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], null, timeout.Token);
            return result.ExitCode == 0;
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Not installed, or no engine behind the client within the timeout.
            return false;
        }
    }
}
