using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// Runs the application model: starts every resource once its waits are satisfied, echoes their console output,
/// prints the resource table, and on SIGINT/SIGTERM stops everything in reverse dependency order.
/// </summary>
public sealed class DistributedApplication
{
    readonly DistributedApplicationBuilder _builder;
    readonly CancellationTokenSource _shutdown = new();
    readonly object _consoleGate = new();

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        _builder = builder;
        builder.Host.Stopping = _shutdown.Token;
    }

    public IReadOnlyList<Resource> Resources => _builder.Resources;

    /// <summary>Extra rows for the resource table (the dashboard adds its own URL).</summary>
    public List<(string Name, string Type, Func<string> State, Func<string> Url)> ExtraRows { get; } = [];

    /// <summary>Completes once every resource is healthy or finished.</summary>
    public TaskCompletionSource AllReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void RequestShutdown() => _shutdown.Cancel();

    public int Run() => RunAsync().GetAwaiter().GetResult();

    public async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        foreach (var r in Resources)
        {
            r.Console.LineAdded += Echo;
            r.StateChanged += OnStateChanged;
        }
        WriteInfo($"Starting {Resources.Count} resources (data: {_builder.DataDirectory})");

        var starts = Resources.Select(r => StartWhenReadyAsync(r, _shutdown.Token)).ToList();
        var allReady = Task.WhenAll(Resources.Select(r => r.Ready));
        var exitCode = 0;
        try
        {
            await WaitReadyOrFailureAsync(allReady, _shutdown.Token);
            WriteInfo($"All resources healthy in {clock.Elapsed.TotalSeconds:0.00} s");
            PrintTable();
            AllReady.TrySetResult();
            WriteInfo("Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, _shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (ResourceFailedException ex)
        {
            exitCode = 1;
            PrintTable();
            WriteError($"Resource '{ex.Resource.Name}' failed to start: {ex.Resource.StateDetail}");
            foreach (var line in ex.Resource.Console.Tail(20))
            {
                WriteError($"  {ex.Resource.Name} | {line}");
            }
            AllReady.TrySetException(ex);
        }
        catch (OperationCanceledException)
        {
            WriteInfo("Stop requested before all resources were healthy.");
            AllReady.TrySetCanceled();
        }

        WriteInfo("Stopping resources…");
        await StopAllAsync();
        await Task.WhenAll(starts).ContinueWith(_ => { }, TaskScheduler.Default);
        WriteInfo(exitCode == 0 ? "Stopped." : "Stopped after a failure.");
        return exitCode;
    }

    void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we shut down ourselves, in order
        _shutdown.Cancel();
    }

    async Task WaitReadyOrFailureAsync(Task allReady, CancellationToken ct)
    {
        while (!allReady.IsCompleted)
        {
            var failed = Resources.FirstOrDefault(r => r.State == ResourceState.FailedToStart);
            if (failed is not null)
            {
                throw new ResourceFailedException(failed);
            }
            await Task.WhenAny(allReady, Task.Delay(50, ct));
            ct.ThrowIfCancellationRequested();
        }
        var failedLate = Resources.FirstOrDefault(r => r.State == ResourceState.FailedToStart);
        if (failedLate is not null || allReady.IsFaulted)
        {
            throw new ResourceFailedException(failedLate ?? Resources.First(r => r.Ready.IsFaulted));
        }
    }

    static async Task StartWhenReadyAsync(Resource resource, CancellationToken ct)
    {
        try
        {
            if (resource.Waits.Count > 0)
            {
                resource.SetState(ResourceState.Waiting,
                    "waiting for " + string.Join(", ", resource.Waits.Select(w => w.Resource.Name)));
                foreach (var (dependency, kind) in resource.Waits)
                {
                    await (kind == WaitKind.Completion ? dependency.Completed : dependency.Ready).WaitAsync(ct);
                }
            }
            await resource.StartAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Shutting down before it started.
        }
        catch (InvalidOperationException ex)
        {
            resource.SetState(ResourceState.FailedToStart, $"dependency failed: {ex.Message}");
        }
    }

    async Task StopAllAsync()
    {
        // Registration order is dependency order in the model, so reverse it; a resource stops before what it uses.
        foreach (var resource in Resources.Reverse())
        {
            if (resource.State is ResourceState.NotStarted or ResourceState.Waiting or ResourceState.Stopped)
            {
                continue;
            }
            try
            {
                await resource.StopAsync(CancellationToken.None);
            }
#pragma warning disable CA1031 // keep stopping the others; the failure is printed
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WriteError($"Stopping '{resource.Name}' failed: {ex.Message}");
            }
        }
    }

    void OnStateChanged(Resource resource)
    {
        if (resource.State is ResourceState.Exited or ResourceState.FailedToStart or ResourceState.Unhealthy)
        {
            WriteError($"{resource.Name}: {resource.State}{(resource.StateDetail is null ? "" : $" ({resource.StateDetail})")}");
        }
    }

    void Echo(ConsoleLine line)
    {
        lock (_consoleGate)
        {
            var color = Console.ForegroundColor;
            Console.ForegroundColor = ColorFor(line.Resource);
            Console.Write($"{line.Replica,-12}| ");
            Console.ForegroundColor = color;
            Console.WriteLine(line.Text);
        }
    }

    static ConsoleColor ColorFor(string name) =>
        (Math.Abs(StringComparer.Ordinal.GetHashCode(name)) % 4) switch
        {
            0 => ConsoleColor.Cyan,
            1 => ConsoleColor.Magenta,
            2 => ConsoleColor.Yellow,
            _ => ConsoleColor.Green,
        };

    public void PrintTable()
    {
        var rows = Resources.Select(r => (r.Name, r.Type, State: r.State.ToString(), Url: string.Join(" ", r.Endpoints)))
            .Concat(ExtraRows.Select(x => (x.Name, x.Type, State: x.State(), Url: x.Url())))
            .ToList();
        lock (_consoleGate)
        {
            Console.WriteLine(ResourceTable.Format(rows));
        }
    }

    void WriteInfo(string text)
    {
        lock (_consoleGate)
        {
            Console.WriteLine($"apphost     | {text}");
        }
    }

    void WriteError(string text)
    {
        lock (_consoleGate)
        {
            var color = Console.ForegroundColor;
            Console.ForegroundColor = ConsoleColor.Red;
            Console.Error.WriteLine($"apphost     | {text}");
            Console.ForegroundColor = color;
        }
    }

    sealed class ResourceFailedException(Resource resource) : Exception($"Resource '{resource.Name}' failed to start.")
    {
        public Resource Resource { get; } = resource;
    }
}
