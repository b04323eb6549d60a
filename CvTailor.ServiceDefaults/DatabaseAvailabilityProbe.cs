using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Feeds <see cref="DatabaseAvailability"/>: a <c>SELECT 1</c> on a connection of its own (outside the pool, so a
/// full or cleared pool does not blind it) every <see cref="DatabaseResilienceOptions.ProbeInterval"/>, or at once when
/// a caller reported a failure. An error or no answer within <see cref="DatabaseResilienceOptions.ProbeTimeout"/>
/// marks the database down (a stopped server refuses at once; a hung one times out); the first answer marks it up.
/// </summary>
public sealed partial class DatabaseAvailabilityProbe(
    DatabaseAvailability availability, DatabaseProbeConnection connection, DatabaseResilienceOptions options,
    ILogger<DatabaseAvailabilityProbe> logger) : BackgroundService
{
    NpgsqlConnection? _connection;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var failure = await ProbeAsync(stoppingToken);
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                if (failure is null)
                {
                    availability.MarkUp();
                }
                else
                {
                    availability.MarkDown(failure);
                }
                var wait = availability.IsAvailable ? options.ProbeInterval : options.OutageProbeInterval;
                await availability.WaitForLookRequestAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DropConnectionAsync();
        }
    }

    /// <summary>Null when the server answered (or the service stops); what went wrong otherwise.</summary>
    async Task<Exception?> ProbeAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.ProbeTimeout);
        var probe = AskAsync(timeout.Token);
        try
        {
            // The wait is bounded here, whatever the driver does with the cancellation of a hung socket.
            await probe.WaitAsync(options.ProbeTimeout, stoppingToken);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or NpgsqlException or IOException
                                       or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            LogProbeFailed(ex);
            // The connection may be hung or broken; the next probe opens a new one. The abandoned attempt ends on its own.
            _ = probe.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            await DropConnectionAsync();
            // A server that answers with an error (unknown database, bad password) is there: that is a configuration
            // problem for the caller to report, not an outage to hide behind 503s.
            return ex is OperationCanceledException || DatabaseAvailability.IsUnavailableError(ex) ? ex : null;
        }
    }

    async Task AskAsync(CancellationToken ct)
    {
        if (_connection is null)
        {
            var opening = new NpgsqlConnection(connection.ConnectionString);
            _connection = opening;
            await opening.OpenAsync(ct);
        }
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync(ct);
    }

    async Task DropConnectionAsync()
    {
        var dropped = _connection;
        _connection = null;
        if (dropped is not null)
        {
            try
            {
                // Disposing a connection to a hung server must not hold the probe up.
                await dropped.DisposeAsync().AsTask().WaitAsync(options.ProbeTimeout);
            }
            catch (Exception ex) when (ex is TimeoutException or NpgsqlException or IOException or InvalidOperationException
                                           or OperationCanceledException)
            {
                LogProbeFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database probe failed")]
    partial void LogProbeFailed(Exception ex);
}

/// <summary>The probe's own connection string: no pooling, the probe's timeouts, no wait for cancellations.</summary>
public sealed class DatabaseProbeConnection
{
    public DatabaseProbeConnection(string connectionString, DatabaseResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seconds = (int)Math.Max(1, Math.Ceiling(options.ProbeTimeout.TotalSeconds));
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = seconds,
            CommandTimeout = seconds,
            CancellationTimeout = -1,
            ApplicationName = "cvtailor-availability-probe",
        }.ConnectionString;
    }

    public string ConnectionString { get; }
}
