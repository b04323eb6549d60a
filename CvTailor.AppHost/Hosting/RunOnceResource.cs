using Microsoft.Extensions.Logging;

namespace CvTailor.AppHost.Hosting;

/// <summary>
/// A step that runs once to completion before the resources that <c>WaitForCompletion</c> on it start
/// (here: applying the EF Core migrations). It runs in-process: a separate process would add a runtime start-up
/// to every cold start for no isolation we need.
/// </summary>
public sealed class RunOnceResource(string name, Func<ILogger, CancellationToken, Task> work) : Resource(name)
{
    public override string Type => "RunOnce";

    public override async Task StartAsync(CancellationToken ct)
    {
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Running);
        try
        {
            await work(new ConsoleLogLogger(Console, Name), ct);
            SetState(ResourceState.Finished, "exit 0");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log(ex.ToString(), isError: true);
            SetState(ResourceState.FailedToStart, ex.Message);
        }
    }

    public override Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>An ILogger that writes into a resource's console log, so in-process steps show up like child output.</summary>
public sealed class ConsoleLogLogger(ConsoleLog log, string resource) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var text = $"{logLevel}: {formatter(state, exception)}" + (exception is null ? "" : $"\n{exception}");
        log.Add(new ConsoleLine(DateTimeOffset.UtcNow, resource, resource, text, logLevel >= LogLevel.Warning));
    }
}
