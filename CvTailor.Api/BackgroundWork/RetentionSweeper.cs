using CvTailor.Data;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.BackgroundWork;

/// <summary>
/// The periodic clean-up the original defined but never scheduled (contract §3), at start-up and every
/// <see cref="BackgroundWorkOptions.SweepInterval"/>: each area's <see cref="IWorkRetention"/> deletes its expired rows
/// (generated documents after 90 days with their exports, export files after 24 hours), and each
/// <see cref="IWorkRecovery"/> recovers queue work lost with a process: unclaimed rows are queued again (at start-up
/// all of them, later those older than <see cref="BackgroundWorkOptions.RequeueAfter"/>), and claimed rows older than
/// <see cref="BackgroundWorkOptions.AbandonAfter"/> are marked failed. Every step is idempotent, so replicas may overlap.
/// </summary>
public sealed partial class RetentionSweeper(
    IServiceScopeFactory scopes, IOptions<BackgroundWorkOptions> options, IEnumerable<IWorkRetention> retentions,
    IEnumerable<IWorkRecovery> recoveries, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(first, stoppingToken);
                first = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SweepAsync(bool startup, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CvTailorDbContext>();
        var now = time.UtcNow();
        var o = options.Value;

        foreach (var retention in retentions)
        {
            var deleted = await retention.DeleteExpiredAsync(db, now, ct);
            if (deleted > 0)
            {
                LogSwept(logger, deleted, retention.Name);
            }
        }

        // Lost queue work, with the same thresholds for every queue.
        var requeueBefore = startup ? now : now - o.RequeueAfter;
        var abandonBefore = now - o.AbandonAfter;
        foreach (var recovery in recoveries)
        {
            await recovery.RecoverAsync(db, requeueBefore, abandonBefore, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {Count} {Rows}")]
    static partial void LogSwept(ILogger logger, int count, string rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; retrying at the next interval")]
    static partial void LogSweepFailed(ILogger logger, Exception exception);
}
