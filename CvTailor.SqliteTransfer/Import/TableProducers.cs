using System.Diagnostics;
using System.Threading.Channels;
using CvTailor.SqliteTransfer.Values;
using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// The SQLite side of the load: reader threads, each with its own read-only connection, take the tables in load order
/// and read, convert, checksum and encode them as binary COPY rows into a bounded queue per table, while the
/// connection to PostgreSQL sends the tables one after the other. A reader moves on to the next table as soon as it has
/// read one, so on a two-core machine a second table is being converted while the first one is still being sent,
/// and PostgreSQL's side of the COPY runs beside both. A table is read only after the tables it references: a row that
/// refers to a skipped row is skipped too, so the parents' skips must be complete.
/// </summary>
public sealed class TableProducers : IAsyncDisposable
{
    /// <summary>Bytes of encoded rows handed to the sender at a time (below the large-object heap's 85 kB).</summary>
    const int ChunkBytes = 48 * 1024;

    /// <summary>Chunks queued per table before its reader waits for the sender.</summary>
    const int QueuedChunks = 32;

    readonly IReadOnlyList<SourceTableScan> _scans;
    readonly Channel<CopyChunk>[] _chunks;
    readonly TaskCompletionSource[] _read;
    readonly Dictionary<string, int> _index;
    readonly CancellationTokenSource _stop;
    readonly int _batchRows;
    readonly Func<SourceTableScan, Action<object?[]>?> _beforeEncoding;
    readonly Task[] _workers;
    readonly ImportTimeline? _timeline;
    int _next = -1;
    int _disposed;

    TableProducers(string sourceConnectionString, IReadOnlyList<SourceTableScan> scans, int readers, int batchRows,
        Func<SourceTableScan, Action<object?[]>?> beforeEncoding, ImportTimeline? timeline, CancellationToken ct)
    {
        _scans = scans;
        _timeline = timeline;
        _batchRows = batchRows;
        _beforeEncoding = beforeEncoding;
        _chunks = [.. scans.Select(_ => Channel.CreateBounded<CopyChunk>(new BoundedChannelOptions(QueuedChunks) { SingleReader = true, SingleWriter = true }))];
        _read = [.. scans.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _index = scans.Select((s, i) => (s.Plan.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _workers = [.. Enumerable.Range(0, Math.Max(1, readers)).Select(n => Task.Factory.StartNew(
            () => Work(sourceConnectionString, $"reader {n + 1}"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
    }

    /// <summary>Starts reading <paramref name="scans"/> (in load order) on <paramref name="readers"/> threads.</summary>
    /// <param name="beforeEncoding">Per table, an optional change to a row's values after its checksum and before it is encoded (the holds).</param>
    public static TableProducers Start(SqliteConnection source, IReadOnlyList<SourceTableScan> scans, int readers, int batchRows,
        Func<SourceTableScan, Action<object?[]>?> beforeEncoding, CancellationToken ct, ImportTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(beforeEncoding);
        return new TableProducers(source.ConnectionString, scans, readers, batchRows, beforeEncoding, timeline, ct);
    }

    /// <summary>The encoded rows of table <paramref name="index"/>; completes with the reader's exception if it failed.</summary>
    public ChannelReader<CopyChunk> Chunks(int index) => _chunks[index].Reader;

    void Work(string connectionString, string lane)
    {
        SqliteConnection? connection = null;
        try
        {
            for (var i = Interlocked.Increment(ref _next); i < _scans.Count; i = Interlocked.Increment(ref _next))
            {
                var scan = _scans[i];
                var writer = _chunks[i].Writer;
                try
                {
                    if (scan.Plan.SourceRows > 0)
                    {
                        var parents = scan.Plan.References.Select(r => _index.GetValueOrDefault(r.ReferencedTable, -1))
                            .Where(p => p >= 0 && p != i).Distinct().Select(p => _read[p].Task).ToArray();
                        // A failed parent fails this table too (the sender reports the first failure in load order).
                        var waited = _timeline?.Now;
                        Task.WaitAll(parents, _stop.Token);
                        if (waited is { } since && _timeline!.Now - since > TimeSpan.FromMilliseconds(1))
                        {
                            _timeline.Add(lane, $"waits for the parents of {scan.Plan.Name}", since);
                        }

                        var started = _timeline?.Now ?? default;
                        if (connection is null)
                        {
                            connection = new SqliteConnection(connectionString);
                            connection.Open();
                        }

                        var blocked = Produce(connection, scan, writer, _stop.Token);
                        _timeline?.Add(lane, $"reads {scan.Plan.Name} ({scan.SourceRows:N0} rows; {blocked.TotalSeconds:F3} s of it waiting for the COPY)", started);
                    }

                    writer.Complete();
                    _read[i].SetResult();
                }
                catch (Exception ex)
                {
                    writer.TryComplete(ex);
                    _read[i].TrySetException(ex);
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <returns>How long the reader waited for the sender (its queue was full).</returns>
    TimeSpan Produce(SqliteConnection source, SourceTableScan scan, ChannelWriter<CopyChunk> writer, CancellationToken ct)
    {
        var blocked = TimeSpan.Zero;
        var columns = scan.Plan.Columns;
        var capacity = ChunkBytes + (ChunkBytes / 4);
        var rows = new CopyRowWriter(capacity);
        var change = _beforeEncoding(scan);
        scan.Run(source, values =>
        {
            change?.Invoke(values);
            rows.StartRow(values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                rows.Write(columns[i], values[i]);
            }

            if (rows.Length >= ChunkBytes || rows.Rows >= _batchRows)
            {
                blocked += Send(writer, rows.Take(capacity), ct);
            }
        }, ct);
        if (rows.Rows > 0)
        {
            blocked += Send(writer, rows.Take(0), ct);
        }

        return blocked;
    }

    static TimeSpan Send(ChannelWriter<CopyChunk> writer, CopyChunk chunk, CancellationToken ct)
    {
        if (writer.TryWrite(chunk))
        {
            return TimeSpan.Zero;
        }

        var since = Stopwatch.GetTimestamp();
        while (!writer.TryWrite(chunk))
        {
            // A dedicated reader thread: blocking here is the back-pressure.
            if (!writer.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException(ct);
            }
        }

        return Stopwatch.GetElapsedTime(since);
    }

    /// <summary>
    /// Stops the readers (when the load ended early, or never started) and waits for them: their SQLite connections are
    /// closed after this. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var channel in _chunks)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
