using Microsoft.Extensions.Options;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// Runs a <see cref="WorkChannel"/>'s items with bounded parallelism, each in its own DI scope (its own DbContext).
/// The runner claims the row itself, so an id queued twice (by this process and by a sweep, or by two replicas) is
/// processed once.
/// </summary>
public abstract partial class WorkChannelService<TRunner> : BackgroundService
    where TRunner : IWorkRunner
{
    readonly WorkChannel channel;
    readonly IServiceScopeFactory scopes;
    readonly Func<int> concurrency;
    readonly ILogger logger;

    /// <summary>Generation and export share one concurrency setting (<see cref="BackgroundWorkOptions.Concurrency"/>).</summary>
    protected WorkChannelService(WorkChannel channel, IServiceScopeFactory scopes, IOptions<BackgroundWorkOptions> options, ILogger logger)
        : this(channel, scopes, () => options?.Value.EffectiveConcurrency ?? 1, logger)
    {
    }

    /// <summary>Any other queue names its own parallelism (read when the worker starts).</summary>
    protected WorkChannelService(WorkChannel channel, IServiceScopeFactory scopes, Func<int> concurrency, ILogger logger)
    {
        this.channel = channel;
        this.scopes = scopes;
        this.concurrency = concurrency;
        this.logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            channel.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency()), CancellationToken = stoppingToken },
            async (id, ct) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TRunner>().RunAsync(id, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Shutting down: the row stays 'processing' and the next start's sweep picks it up.
                }
                catch (Exception ex)
                {
                    // The runner records failures on the row; this is only for failures to do even that.
                    LogRunFailed(logger, ex, typeof(TRunner).Name, id);
                }
            });

    [LoggerMessage(Level = LogLevel.Error, Message = "{Runner} failed on {Id}")]
    static partial void LogRunFailed(ILogger logger, Exception exception, string runner, Guid id);
}

