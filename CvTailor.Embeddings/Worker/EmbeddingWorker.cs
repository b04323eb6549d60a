using System.Diagnostics;
using CvTailor.Embeddings.Extraction;
using CvTailor.Embeddings.Telemetry;
using Microsoft.Extensions.Options;

namespace CvTailor.Embeddings.Worker;

/// <summary>
/// The queue consumer. Each cycle: reclaim expired leases, claim up to <see cref="WorkerOptions.Concurrency"/> jobs
/// (<c>FOR UPDATE SKIP LOCKED</c>), run them, renewing their leases meanwhile; with nothing to do, sleep until a
/// <c>NOTIFY embedding_jobs</c> or the poll interval. Failures are retried with exponential back-off and
/// dead-lettered after <c>max_attempts</c>. Any number of instances can run against one database.
/// </summary>
public sealed partial class EmbeddingWorker(
    JobStore queue,
    JobNotifications notifications,
    ArtifactEmbedder embedder,
    QueueMetrics metrics,
    DatabaseAvailability database,
    IOptions<WorkerOptions> options,
    ILogger<EmbeddingWorker> logger) : BackgroundService
{
    readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>This instance's name in <c>embedding_jobs.locked_by</c>.</summary>
    public string WorkerId => _worker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var listener = notifications.ListenAsync(stoppingToken);
        LogStarted(_worker, settings.Concurrency);
        var lastDepth = DateTime.MinValue;
        var failing = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!database.IsAvailable)
                    {
                        // One line per outage, not one per poll; the claim loop resumes when the probe sees the server.
                        LogWaitingForDatabase(database.DownSince);
                        await database.WaitUntilAvailableAsync(stoppingToken);
                        LogResumed();
                    }
                    notifications.Drain();
                    await queue.ReclaimExpiredAsync(stoppingToken);
                    if (DateTime.UtcNow - lastDepth > TimeSpan.FromSeconds(5))
                    {
                        metrics.SetDepth(await queue.DepthAsync(stoppingToken));
                        lastDepth = DateTime.UtcNow;
                    }

                    IReadOnlyList<ClaimedJob> jobs;
                    using (var claim = QueueMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.QueueClaim))
                    {
                        jobs = await queue.ClaimAsync(_worker, settings.Concurrency, settings.Lease, stoppingToken);
                        claim?.SetTag(TelemetryNames.Attributes.BatchSize, jobs.Count);
                    }
                    if (jobs.Count == 0)
                    {
                        await notifications.WaitAsync(settings.PollInterval, stoppingToken);
                        continue;
                    }
                    await Task.WhenAll(jobs.Select(job => RunAsync(job, settings, stoppingToken)));
                    failing = false;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away (or the queue misbehaves): keep the service up, wait and try again;
                    // leases of jobs in flight expire and are reclaimed. An outage is waited out above.
                    database.ReportFailure(ex);
                    if (!failing)
                    {
                        LogQueueUnavailable(ex);
                        failing = true;
                    }
                    // An outage is confirmed by the probe within moments and then waited out above.
                    await Task.Delay(DatabaseAvailability.IsUnavailableError(ex) ? settings.BusyDelay : settings.PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            await listener;
        }
    }

    async Task RunAsync(ClaimedJob job, WorkerOptions settings, CancellationToken stoppingToken)
    {
        using var activity = QueueMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.QueueProcess);
        activity?.SetTag(TelemetryNames.Attributes.JobId, job.Id);
        activity?.SetTag(TelemetryNames.Attributes.ArtifactId, job.ArtifactId);
        activity?.SetTag("cvtailor.job.kind", job.Kind);
        activity?.SetTag("cvtailor.job.attempt", job.Attempts);
        var started = Stopwatch.GetTimestamp();

        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewals = RenewLeaseAsync(job, settings, heartbeat.Token);
        try
        {
            var outcome = await embedder.ProcessAsync(job, _worker, stoppingToken);
            await StopAsync(heartbeat, renewals);
            activity?.SetTag(TelemetryNames.Attributes.Outcome, outcome.ToString().ToLowerInvariant());
            switch (outcome)
            {
                case JobOutcome.Busy:
                    await queue.ReleaseAsync(job.Id, _worker, settings.BusyDelay, stoppingToken);
                    break;
                case JobOutcome.LostLease:
                    LogLostLease(job.Id, job.ArtifactId);
                    break;
                default:
                    metrics.RecordCompleted(DateTime.UtcNow - job.CreatedAt, Stopwatch.GetElapsedTime(started),
                        outcome.ToString().ToLowerInvariant());
                    LogCompleted(job.Id, job.Kind, job.ArtifactId, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the transaction rolled back; the lease expires and another worker (or we, restarted) redo it.
            await StopAsync(heartbeat, renewals);
        }
        catch (Exception ex)
        {
            await StopAsync(heartbeat, renewals);
            var backoff = Backoff(job.Attempts, settings);
            // A file over an extraction limit fails the same way every time: dead at once, its message the owner's reason.
            var status = ex is ExtractionLimitException
                ? await queue.FailAsync(job, _worker, ex.Message, backoff, CancellationToken.None, permanent: true)
                : await queue.FailAsync(job, _worker, $"{ex.GetType().Name}: {ex.Message}", backoff, CancellationToken.None);
            var dead = status == Data.Queue.EmbeddingJobStatuses.Dead;
            metrics.RecordFailure(dead);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            if (dead)
            {
                LogDeadLettered(ex, job.Id, job.ArtifactId, job.Attempts);
            }
            else
            {
                LogRetry(ex, job.Id, job.ArtifactId, job.Attempts, backoff);
            }
        }
    }

    async Task RenewLeaseAsync(ClaimedJob job, WorkerOptions settings, CancellationToken ct)
    {
        var every = settings.Lease / 3;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(every, ct);
                if (!await queue.RenewAsync(job.Id, _worker, settings.Lease, ct))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogRenewFailed(ex, job.Id);
        }
    }

    static async Task StopAsync(CancellationTokenSource heartbeat, Task renewals)
    {
        await heartbeat.CancelAsync();
        await renewals;
    }

    /// <summary>base · 2^(attempt−1), ±20% jitter so failed jobs do not retry in lockstep, capped.</summary>
    public static TimeSpan Backoff(int attempt, WorkerOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = settings.BaseBackoff.TotalSeconds * Math.Pow(2, exponent);
        seconds = Math.Min(seconds, settings.MaxBackoff.TotalSeconds);
#pragma warning disable CA5394 // Jitter, not security.
        seconds *= 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromSeconds(seconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding worker {Worker} started ({Concurrency} at a time)")]
    partial void LogStarted(string worker, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}, artifact {ArtifactId}): {Outcome} in {Milliseconds:F0} ms")]
    partial void LogCompleted(long jobId, string kind, int artifactId, JobOutcome outcome, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} (artifact {ArtifactId}) failed attempt {Attempt}; retry in {Backoff}")]
    partial void LogRetry(Exception ex, long jobId, int artifactId, int attempt, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} (artifact {ArtifactId}) dead-lettered after {Attempt} attempts")]
    partial void LogDeadLettered(Exception ex, long jobId, int artifactId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} (artifact {ArtifactId}): lease lost to another worker; work rolled back")]
    partial void LogLostLease(long jobId, int artifactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    partial void LogRenewFailed(Exception ex, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue unavailable; retrying")]
    partial void LogQueueUnavailable(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL unavailable since {Since:O}; the queue waits for it")]
    partial void LogWaitingForDatabase(DateTimeOffset? since);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is back; the queue resumes")]
    partial void LogResumed();

}
