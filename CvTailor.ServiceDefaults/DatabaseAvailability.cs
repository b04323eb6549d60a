using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Whether this service can reach PostgreSQL, as one shared answer: the <see cref="DatabaseAvailabilityProbe"/> decides
/// (a <c>SELECT 1</c> with a short timeout, a few times a second), failures seen by callers only make it look again at
/// once. While the database is down, callers fail fast (the Api answers 503, the worker waits) instead of each one
/// waiting for its own connect or command timeout; <see cref="OutageToken"/> cancels work that was already waiting on
/// a hung server. The pool is cleared when an outage starts and when it ends, so no broken connection is reused.
/// </summary>
public sealed partial class DatabaseAvailability(
    NpgsqlDataSource dataSource, DatabaseProbeConnection server, TimeProvider time, ILogger<DatabaseAvailability> logger)
    : IDisposable
{
    readonly Lock _gate = new();
    readonly SemaphoreSlim _lookNow = new(0, 1);
    CancellationTokenSource _outage = new();
    TaskCompletionSource _available = Completed();
    DateTimeOffset? _downSince;
    volatile bool _down;

    public bool IsAvailable => !_down;

    /// <summary>When the current outage started; null while the database answers.</summary>
    public DateTimeOffset? DownSince
    {
        get { lock (_gate) { return _downSince; } }
    }

    /// <summary>Cancelled when an outage is detected (already cancelled during one).</summary>
    public CancellationToken OutageToken
    {
        get { lock (_gate) { return _outage.Token; } }
    }

    /// <summary>Completes when the database answers (at once when it does now).</summary>
    public Task WaitUntilAvailableAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return _available.Task.WaitAsync(ct);
        }
    }

    /// <summary>A caller saw <paramref name="exception"/>: when it means the database is away, the probe looks now.</summary>
    public void ReportFailure(Exception exception)
    {
        if (IsUnavailableError(exception) && _lookNow.CurrentCount == 0)
        {
            try
            {
                _lookNow.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller already asked for a look.
            }
        }
    }

    /// <summary>
    /// True for failures that mean "the database cannot be reached right now" (refused or broken connections,
    /// connect and command timeouts, a server shutting down or starting), also when EF Core wrapped them.
    /// </summary>
    public static bool IsUnavailableError(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException npgsql when npgsql.IsTransient:
                case TimeoutException:
                case SocketException:
                case RetryLimitExceededException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsUnavailableError);
            }
        }
        return false;
    }

    internal Task WaitForLookRequestAsync(TimeSpan timeout, CancellationToken ct) => _lookNow.WaitAsync(timeout, ct);

    internal void MarkUp()
    {
        TimeSpan downFor;
        lock (_gate)
        {
            if (_downSince is not { } since)
            {
                return;
            }
            downFor = time.GetUtcNow() - since;
            _outage.Dispose();
            _outage = new CancellationTokenSource();
            _downSince = null;
            _down = false;
            _available.TrySetResult();
        }
        // Connections opened before or during the outage may be broken (server restarted) or stale.
        dataSource.Clear();
        LogAvailableAgain(downFor.TotalSeconds);
    }

    internal void MarkDown(Exception? reason)
    {
        CancellationTokenSource outage;
        lock (_gate)
        {
            if (_downSince is not null)
            {
                return;
            }
            _downSince = time.GetUtcNow();
            _down = true;
            _available = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            outage = _outage;
        }
        LogUnavailable(reason?.GetType().Name ?? "timeout", reason?.Message ?? "no answer within the probe timeout");
        // Idle connections to a stopped or hung server would fail or hang their next command; work already waiting
        // on one is cancelled (and its connection broken, see DatabaseResilienceOptions.Apply).
        dataSource.Clear();
        if (reason is null or TimeoutException or OperationCanceledException)
        {
            // A hung server: commands already waiting on it would wait for their command timeout.
            LogConnectionsEnded(HungConnections.ShutDown(server.ConnectionString));
        }
        // Off this thread: a driver may block in its cancellation callback (it contacts the server to cancel).
        _ = Task.Run(outage.Cancel);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _outage.Dispose();
        }
        _lookNow.Dispose();
    }

    static TaskCompletionSource Completed()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is unavailable ({Reason}: {Detail}); requests fail fast until it answers again")]
    partial void LogUnavailable(string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended {Count} connections to the hung server")]
    partial void LogConnectionsEnded(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is available again after {Seconds:F1} s")]
    partial void LogAvailableAgain(double seconds);
}
