using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CvTailor.AppHost.Supervision;

/// <summary>
/// Restarts a supervised resource that exits on its own after it was healthy once (kill -9, a crash), and again while
/// the restarted process fails before it is healthy, with back-off
/// (1 s doubling to 30 s; back to 1 s after a minute of health). A resource the user stopped (the dashboard's Stop,
/// <c>aspire resource NAME stop</c>) goes through Stopping first and is left alone. The orchestrator itself does not
/// restart processes.
/// </summary>
public sealed class CrashRestarter(
    IReadOnlySet<string> supervised,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    sealed class Tracked
    {
        public bool WasHealthy;
        public bool Restarting;
        public bool Stopping;
        public string? LastState;
        public TimeSpan Delay = TimeSpan.FromSeconds(1);
        public DateTimeOffset HealthySince;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var tracked = new Dictionary<string, Tracked>(StringComparer.Ordinal);
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken))
            {
                if (!supervised.Contains(e.Resource.Name))
                {
                    continue;
                }
                var t = tracked.TryGetValue(e.ResourceId, out var found) ? found : tracked[e.ResourceId] = new Tracked();
                var state = e.Snapshot.State?.Text;
                var changed = state != t.LastState;
                t.LastState = state;
                if (StartupReporter.IsHealthy(e))
                {
                    if (!t.WasHealthy || t.Stopping)
                    {
                        t.HealthySince = DateTimeOffset.UtcNow;
                    }
                    else if (DateTimeOffset.UtcNow - t.HealthySince > TimeSpan.FromMinutes(1))
                    {
                        t.Delay = TimeSpan.FromSeconds(1);
                    }
                    t.WasHealthy = true;
                    t.Restarting = false;
                    t.Stopping = false;
                }
                else if (state == KnownResourceStates.Stopping)
                {
                    t.Stopping = true;
                }
                else if (changed && state is "Exited" or "Finished" or "FailedToStart" && (t.WasHealthy || t.Restarting) && !t.Stopping
                         && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    // A restart that fails again is retried with the longer delay, until the resource is healthy.
                    t.WasHealthy = false;
                    t.Restarting = true;
                    var delay = t.Delay;
                    t.Delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, t.Delay.Ticks * 2));
                    _ = RestartAsync(e.Resource, e.Snapshot.ExitCode, delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    async Task RestartAsync(IResource resource, int? exitCode, TimeSpan delay, CancellationToken ct)
    {
        logger.LogWarning("Resource {Resource} exited unexpectedly (exit code {ExitCode}); restarting in {Delay} s",
            resource.Name, exitCode, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, ct);
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            if (!result.Success)
            {
                logger.LogError("Restarting {Resource} failed: {Reason}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
