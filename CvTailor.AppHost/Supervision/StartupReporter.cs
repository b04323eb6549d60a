using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CvTailor.AppHost.Supervision;

/// <summary>
/// Prints <c>All resources healthy in N s</c> and the resources table once every resource is healthy (run-once steps:
/// finished with exit code 0), however long that takes: people and scripts wait for that line. A resource that fails
/// before then is reported in one line with its last output, and the AppHost stops with exit code 1, taking every
/// resource down with it.
/// </summary>
public sealed class StartupReporter(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    DistributedApplicationModel model,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReporter> logger) : BackgroundService
{
    const int TailLines = 15;
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _tails = new(StringComparer.Ordinal);

    /// <summary>The one-shot steps: done when they exit 0, failed otherwise.</summary>
    public static readonly IReadOnlySet<string> RunOnce = new HashSet<string>(["migrate", "model"], StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var nextProgress = TimeSpan.FromSeconds(30);
        var instances = new ConcurrentDictionary<string, IResource>(StringComparer.Ordinal);
        _ = Task.Run(() => CollectInstancesAsync(instances, stoppingToken), stoppingToken);

        try
        {
            // This runs while the other BeforeStart handlers still add resources (the dashboard, Aspire's helpers):
            // reading the model then could throw "collection was modified" and end the report before its first
            // line. Once the application has started, the model is complete; states are polled, so nothing is missed.
            await WhenStartedAsync(stoppingToken);
            var watched = model.Resources.Where(IsReported).ToList();
            logger.LogInformation("Waiting until {Count} resources are healthy", watched.Count);
            foreach (var resource in watched)
            {
                _ = Task.Run(() => TailAsync(resource, stoppingToken), stoppingToken);
            }

            // Polls the current states rather than following the event stream: the verdict depends only on where
            // every resource is now, so no missed or reordered event can hold the report back.
            while (true)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
                var states = instances.Keys
                    .Select(id => notifications.TryGetCurrentState(id, out var e) ? e : null)
                    .OfType<ResourceEvent>()
                    .Where(e => !e.Snapshot.IsHidden && watched.Contains(e.Resource))
                    .ToList();
                // Aspire's own helpers (a project's rebuilder) are hidden and never start unless asked to.
                watched.RemoveAll(r => states.All(e => e.Resource != r) && instances.Values.Contains(r)
                                       && instances.Where(i => i.Value == r).All(i => notifications.TryGetCurrentState(i.Key, out var h) && h.Snapshot.IsHidden));
                if (clock.Elapsed > nextProgress)
                {
                    // On a slow machine people should see what is still coming, not a silent console.
                    nextProgress += TimeSpan.FromSeconds(30);
                    var pending = watched.Select(r => states.FirstOrDefault(e => e.Resource == r) is { } e
                            ? IsSettled(e) ? null : $"{r.Name} ({e.Snapshot.State?.Text}{(e.Snapshot.HealthStatus is { } h ? ", " + h : "")})"
                            : $"{r.Name} (not started)")
                        .OfType<string>();
                    logger.LogInformation("Waiting for {Resources}", string.Join(", ", pending));
                }
                if (watched.Any(r => states.All(e => e.Resource != r)))
                {
                    continue;
                }
                if (states.Select(Failure).FirstOrDefault(f => f is not null) is { } reason)
                {
                    await ReportFailureAsync(states.First(e => Failure(e) is not null).Resource.Name, reason);
                    return;
                }
                if (states.Count > 0 && states.All(IsSettled))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"All resources healthy in {clock.Elapsed.TotalSeconds:0.0} s"));
                    Console.WriteLine(ResourceTable.Format(watched, states, DashboardLoginUrl()));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before everything was up.
        }
#pragma warning disable CA1031 // a broken report must say so, not vanish with the task that ran it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "The start-up report failed");
        }
    }

    async Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    /// <summary>Every instance id the orchestrator reports (one per replica), for the polling loop to read.</summary>
    async Task CollectInstancesAsync(ConcurrentDictionary<string, IResource> instances, CancellationToken ct)
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(ct))
            {
                instances.TryAdd(e.ResourceId, e.Resource);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    static bool IsReported(IResource resource) =>
        resource is not ParameterResource && !string.Equals(resource.Name, "aspire-dashboard", StringComparison.Ordinal);

    static bool IsSettled(ResourceEvent e)
    {
        var state = e.Snapshot.State?.Text;
        if (RunOnce.Contains(e.Resource.Name))
        {
            return state is "Finished" or "Exited" && e.Snapshot.ExitCode == 0;
        }
        return IsHealthy(e);
    }

    /// <summary>Running, and Healthy by its health checks when it has any.</summary>
    public static bool IsHealthy(ResourceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Snapshot.State?.Text == KnownResourceStates.Running
               && (e.Snapshot.HealthStatus == HealthStatus.Healthy || !e.Resource.Annotations.OfType<HealthCheckAnnotation>().Any());
    }

    static string? Failure(ResourceEvent e)
    {
        var state = e.Snapshot.State?.Text;
        if (state == KnownResourceStates.FailedToStart || state == KnownResourceStates.RuntimeUnhealthy)
        {
            return state;
        }
        if (state is "Finished" or "Exited" && (!RunOnce.Contains(e.Resource.Name) || e.Snapshot.ExitCode is not 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"exited with code {e.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        }
        return null;
    }

    async Task ReportFailureAsync(string name, string reason)
    {
        // Let the last lines of output arrive before quoting them.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var hint = Hint(name, _tails.TryGetValue(name, out var q) ? q.ToArray() : []);
        await Console.Error.WriteLineAsync($"error: Resource '{name}' failed to start ({reason}){hint}");
        if (_tails.TryGetValue(name, out var tail))
        {
            foreach (var line in tail)
            {
                await Console.Error.WriteLineAsync($"  {name} | {line}");
            }
        }
        Environment.ExitCode = 1;
        _ = Task.Run(lifetime.StopApplication);
    }

    string Hint(string name, IReadOnlyCollection<string> tail)
    {
        var port = configuration.GetValue($"AppHost:Ports:{name}", 0);
        if ((port > 0 && !CanBind(port))
            || tail.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                             || l.Contains("could not bind", StringComparison.OrdinalIgnoreCase)))
        {
            return $": port {(port > 0 ? port.ToString(CultureInfo.InvariantCulture) : "?")} is in use; choose another with --AppHost:Ports:{name}=<port> (0 = any free port)";
        }
        return ": see its last lines below and its console log in the dashboard";
    }

    static bool CanBind(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    async Task TailAsync(IResource resource, CancellationToken ct)
    {
        var tail = _tails.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(ct))
            {
                foreach (var line in batch)
                {
                    tail.Enqueue(line.Content);
                    while (tail.Count > TailLines && tail.TryDequeue(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    string? DashboardLoginUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        var token = configuration["AppHost:BrowserToken"];
        return url is null ? null : token is null ? url : $"{url.TrimEnd('/')}/login?t={token}";
    }
}
