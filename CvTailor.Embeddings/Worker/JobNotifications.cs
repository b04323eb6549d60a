using System.Threading.Channels;
using CvTailor.Data.Queue;
using Npgsql;

namespace CvTailor.Embeddings.Worker;

/// <summary>
/// Holds one connection that <c>LISTEN</c>s on <c>embedding_jobs</c> (the insert trigger's channel) and turns
/// notifications into wake-ups. Reconnects with back-off; the worker's polling covers any gap.
/// </summary>
public sealed partial class JobNotifications(NpgsqlDataSource dataSource, DatabaseAvailability database, ILogger<JobNotifications> logger)
{
    readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Poll interval passed.
        }
    }

    /// <summary>Drops a pending wake-up (the worker is about to look at the queue anyway).</summary>
    public void Drain() => _signals.Reader.TryRead(out _);

    public async Task ListenAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => _signals.Writer.TryWrite(true);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {EmbeddingJobConfiguration.NotifyChannel}";
                    await listen.ExecuteNonQueryAsync(ct);
                }
                // Jobs may have arrived while we were not listening.
                _signals.Writer.TryWrite(true);
                delay = TimeSpan.FromMilliseconds(200);
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                database.ReportFailure(ex);
                try
                {
                    if (DatabaseAvailability.IsUnavailableError(ex))
                    {
                        // An outage: the availability probe logs it once; listen again as soon as the server is back.
                        await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
                        await database.WaitUntilAvailableAsync(ct);
                        continue;
                    }
                    LogListenFailed(ex, delay);
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LISTEN connection failed; retrying in {Delay} (polling continues)")]
    partial void LogListenFailed(Exception ex, TimeSpan delay);
}
