using System.Diagnostics;
using System.Threading.Channels;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using CvTailor.SqliteTransfer.Verification;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// <c>import-sqlite</c>: moves an original CV Tailor SQLite database into the PostgreSQL schema in one transaction —
/// binary COPY per table (parents first), identities past <c>sqlite_sequence</c>, re-embedding jobs, media files —
/// verifies everything against the source inside that transaction, and commits only when nothing differs. Any failure
/// (bad data, a difference, a crash, Ctrl+C) leaves the target as it was.
/// </summary>
public sealed class SqliteImporter(ITransferProgress progress)
{
    public async Task<ImportResult> RunAsync(ImportOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = Stopwatch.StartNew();
        var notes = new List<string>();
        try
        {
            return await RunAsync(options, notes, total, ct);
        }
        catch (SourceFileException ex)
        {
            // Raised before the transaction, or inside it after the rollback: nothing was written or copied.
            return Result(ImportOutcome.InvalidSource, [ex.Message, "Nothing was written and no media file was copied."], notes, total);
        }
    }

    async Task<ImportResult> RunAsync(ImportOptions options, List<string> notes, Stopwatch total, CancellationToken ct)
    {
        await using var dataSource = TargetDatabase.CreateDataSource(options.TargetConnectionString);
        // Connecting to PostgreSQL and reading its catalog overlaps reading the file's schema.
        using var targetCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timeline = options.Timeline;
        var targetSide = Task.Run(async () =>
        {
            var opening = timeline?.Now ?? default;
            var connection = await dataSource.OpenConnectionAsync(targetCancel.Token);
            timeline?.Add("postgres", "connects", opening);
            try
            {
                var reading = timeline?.Now ?? default;
                var catalog = await TargetCatalog.ReadAsync(connection, targetCancel.Token);
                timeline?.Add("postgres", "reads the catalog", reading);
                return (connection, catalog);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, ct);
        SqliteConnection source;
        SourceSchema sourceSchema;
        try
        {
            var opening = timeline?.Now ?? default;
            source = await SourceDatabase.OpenAsync(options.SourcePath, ct);
            try
            {
                sourceSchema = await SourceSchema.ReadAsync(source, ct);
                sourceSchema.EnsureOriginal(options.SourcePath);
                timeline?.Add("main", "opens the file, reads its schema", opening);
            }
            catch
            {
                await source.DisposeAsync();
                throw;
            }
        }
        catch
        {
            // The file is the first thing to report on (without waiting for a server that may not answer); the
            // target's connection is closed behind it.
            await targetCancel.CancelAsync();
            await ((Task)targetSide).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (targetSide.IsCompletedSuccessfully)
            {
                await targetSide.Result.connection.DisposeAsync();
            }

            throw;
        }

        await using var sourceOwner = source;
        if (!sourceSchema.HasFinalMigration)
        {
            notes.Add("django_migrations does not list llm_services 0003: the file may predate the schema in the contract");
        }

        var (target, targetCatalog) = await targetSide;
        await using var targetOwner = target;
        var plan = TransferPlan.Create(sourceSchema, targetCatalog);
        notes.AddRange(plan.Notes);
        if (plan.Errors.Count > 0)
        {
            return Result(ImportOutcome.InvalidSource, plan.Errors, notes, total);
        }

        var phases = new List<(string, TimeSpan)>();
        var mark = TimeSpan.Zero;
        void Mark(string phase)
        {
            phases.Add((phase, total.Elapsed - mark));
            mark = total.Elapsed;
        }

        Mark("schemas");
        // The reader threads start now, beside the source checks and the target's preparation below: they only read the
        // file, and the rows they encode wait in their bounded queues until the COPY starts (if it does: a failed check
        // stops them, and a reader's own failure is reported only when the COPY reaches that table, after the checks).
        // Queued jobs and expired rows arrive held (ImportHolds.InCopy) unless the options give them back; the instant
        // that judges expiry is the run's start, the same for the survey's counts and the holds.
        var now = ImportHolds.Instant(options.Now ?? DateTime.UtcNow);
        var skips = new SkipRegistry();
        var backfill = new EmbeddingBackfill();
        var scans = plan.Tables.Select(table => new SourceTableScan(table, skips, backfill, options.Verify)).ToList();
        await using var producers = TableProducers.Start(source, scans, options.Readers, options.BatchSize,
            scan => ImportHolds.InCopy(scan.Plan, options.ResumeJobs, options.DropExpired, now), ct, timeline);
        // PostgreSQL's side of the preparation (the transaction, the advisory lock, the emptiness check, dropping the big
        // tables' indexes and foreign keys) runs beside the source checks below: nothing it does is visible outside the
        // transaction, which is rolled back when the source fails its checks (their verdict still comes first).
        var preparation = PrepareTargetAsync(target, plan.Tables, timeline, ct);
        BuiltInRows builtIns;
        ImportHolds.Survey holds;
        IReadOnlyList<string> referenced;
        MediaFiles? media = null;
        IReadOnlyList<string> conflicts = [];
        Dictionary<string, long> sourceOrphans;
        try
        {
            // The orphan scan (a join per foreign key) runs on a connection of its own beside the survey and the media scan
            // below; its verdict still comes first, before anything is printed about the data.
            var orphanScan = Task.Run(async () =>
            {
                var scanning = timeline?.Now ?? default;
                await using var second = new SqliteConnection(source.ConnectionString);
                await second.OpenAsync(ct);
                var orphans = await ForeignKeyScan.SourceAsync(second, plan.Tables, ct);
                timeline?.Add("sqlite 2", "orphan scan", scanning);
                return orphans;
            }, ct);
            var planned = plan.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            try
            {
                var surveying = timeline?.Now ?? default;
                builtIns = await BuiltInRows.ReadAsync(source, plan.Tables, ct);
                holds = await ImportHolds.SurveyAsync(source, planned, now, ct);
                referenced = await MediaFiles.ReferencedAsync(source, ct);
                timeline?.Add("main", "built-ins, holds survey, referenced media", surveying);
                if (options.MediaDirectory is not null && !string.IsNullOrWhiteSpace(options.StorageRoot))
                {
                    var listing = timeline?.Now ?? default;
                    media = MediaFiles.Open(options.MediaDirectory, options.StorageRoot);
                    conflicts = await media.ConflictsAsync(ct);
                    timeline?.Add("main", "lists media, checks conflicts", listing);
                }
            }
            finally
            {
                // Never leave the scan running (and its connection open) behind a failure here.
                await ((Task)orphanScan).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            sourceOrphans = await orphanScan;
            var orphanErrors = ForeignKeyScan.Constraints(plan.Tables)
                .Where(fk => sourceOrphans[fk.Name] > 0)
                .Select(fk => $"{sourceOrphans[fk.Name]} rows of {fk.Table}.{fk.Column} reference {fk.ReferencedTable} rows that do not exist")
                .ToList();
            if (orphanErrors.Count > 0)
            {
                return await DiscardedAsync(preparation, Result(ImportOutcome.InvalidSource, orphanErrors, notes, total));
            }

            options.BeforeWriting?.Invoke(holds);
            if (options.MediaDirectory is not null)
            {
                if (string.IsNullOrWhiteSpace(options.StorageRoot))
                {
                    return await DiscardedAsync(preparation, Result(ImportOutcome.InvalidSource, ["--media needs a storage root: pass --storage-root or set Storage:Root"], notes, total));
                }

                if (conflicts.Count > 0)
                {
                    return await DiscardedAsync(preparation, Result(ImportOutcome.InvalidSource,
                        conflicts.Select(c => $"media file {c} already exists in the storage root with other content; not overwritten").ToList(), notes, total));
                }
            }
            else if (referenced.Count > 0)
            {
                notes.Add($"the database refers to {referenced.Count} media files but no --media directory was given; they are not copied");
            }
        }
        catch
        {
            await DiscardAsync(preparation);
            throw;
        }

        Mark("source checks");
        var (transactionTaken, occupied, deferred) = await preparation;
        await using var transaction = transactionTaken;
        try
        {
            if (occupied.Count > 0)
            {
                await transaction.RollbackAsync(ct);
                return Result(ImportOutcome.Refused,
                [
                    "The target database already holds data, so it was left untouched: import-sqlite only loads into an empty " +
                    "schema (a second import would duplicate or mix data). Tables with rows: " +
                    string.Join(", ", occupied.Select(o => $"{o.Table} ({o.Rows})")) +
                    ". To compare it with the file instead, run import-sqlite --verify-only.",
                ], notes, total);
            }


            if (media is not null && !options.DryRun)
            {
                // Copied (and compared) on a thread of its own while the tables load; awaited before the commit.
                progress.Phase($"media ({media.Files.Count} files, copied alongside the load)");
                media.StartCopy(referenced, ct, timeline);
            }

            var preparing = timeline?.Now ?? default;
            await builtIns.DeleteReplacedAsync(target, transaction, ct);
            timeline?.Add("postgres", "built-ins replaced", preparing);
            Mark("target prepare");
            var loads = new List<TableLoad>();
            long written = 0;
            for (var i = 0; i < scans.Count; i++)
            {
                var copying = timeline?.Now ?? default;
                var before = written;
                loads.Add(await LoadTableAsync(target, scans[i], producers.Chunks(i), rows =>
                {
                    written = before + rows;
                    if (written >= options.FaultAfterRows)
                    {
                        throw new InjectedFaultException(written);
                    }
                }, ct));
                if (scans[i].Plan.SourceRows > 0)
                {
                    timeline?.Add("postgres", $"COPY {scans[i].Plan.Name}", copying);
                }

                // PostgreSQL builds this table's indexes while the reader threads convert the next tables.
                var restoring = timeline?.Now ?? default;
                if (await deferred.RestoreLoadedAsync(target, transaction, scans[i].Plan, ct) is var restored and > 0)
                {
                    timeline?.Add("postgres", $"{restored} indexes/foreign keys after {scans[i].Plan.Name}", restoring);
                }
            }

            await producers.DisposeAsync(); // every reader done: their SQLite connections are closed

            Mark($"copy with indexes ({deferred.Indexes}) and foreign keys ({deferred.ForeignKeys})");
            await deferred.RestoreAsync(target, transaction, ct); // foreign keys to tables that were not loaded, if any
            var finishing = timeline?.Now ?? default;
            progress.Phase("identities");
            // Built-ins that stay keep their ids: the identity must not restart below them.
            await TargetDatabase.RestartIdentitiesAsync(target, scans.Where(s => s.Plan.Identity is not null).Select(scan => (scan.Plan.Name, scan.Plan.Identity!.Name,
                Math.Max(Math.Max(scan.MaxKey, scan.Plan.SourceSequence ?? 0), builtIns.Kept(scan.Plan.Name).DefaultIfEmpty().Max()))), transaction, ct);

            timeline?.Add("postgres", "identities", finishing);
            progress.Phase("embedding jobs");
            finishing = timeline?.Now ?? default;
            var jobs = plan.Tables.Any(t => t.Name == "artifacts_artifact") ? await backfill.EnqueueAsync(target, transaction, ct) : 0;
            timeline?.Add("postgres", $"{jobs:N0} embedding jobs", finishing);

            Mark("identities and jobs");
            var loadTime = total.Elapsed;
            VerificationReport? report = null;
            if (options.Verify)
            {
                progress.Phase("verification");
                var verifying = timeline?.Now ?? default;
                // By now the reader threads are done: the checksum of each table of 4 MB or more (the four biggest on the
                // bench, 0.27 of the 0.4 s the queries take) is computed by the backend and one parallel worker, which
                // see the transaction's rows as the backend does (evidence links: 0.19-0.26 s -> 0.11-0.13 s in psql).
                await ExecuteAsync(target, transaction,
                    "SET LOCAL max_parallel_workers_per_gather = 1; SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; " +
                    "SET LOCAL min_parallel_table_scan_size = '4MB'", ct);
                var digests = await Verifier.TargetDigestsAsync(target, plan.Tables, builtIns, progress, ct);
                timeline?.Add("postgres", "checksum queries", verifying);
                // Every foreign key between the moved tables is a constraint of the target, validated for every row when
                // it was re-added after the load (or checked row by row during it): no orphan can be there to count.
                var targetOrphans = ForeignKeyScan.Constraints(plan.Tables).DistinctBy(fk => fk.Name).ToDictionary(fk => fk.Name, _ => 0L, StringComparer.Ordinal);
                Mark("verification");
                var mediaCheck = media is null ? null
                    : options.DryRun ? media.Planned(referenced)
                    : await media.CopiedAsync();
                Mark("media (rest of the copy)");
                verifying = timeline?.Now ?? default;
                report = await Verifier.CompareAsync(target, transaction, scans, digests, builtIns, sourceOrphans, targetOrphans, mediaCheck, ct);
                timeline?.Add("postgres", "comparison, identity checks", verifying);
                Mark("verification report");
            }

            if (media is not null && !options.DryRun && !options.Verify)
            {
                await media.CopiedAsync(); // every file in place before the commit, even unverified
                Mark("media (rest of the copy)");
            }

            var outcome = report is { Ok: false } ? ImportOutcome.VerificationFailed
                : options.DryRun ? ImportOutcome.DryRun
                : ImportOutcome.Imported;
            if (outcome == ImportOutcome.Imported)
            {
                var committing = timeline?.Now ?? default;
                await transaction.CommitAsync(ct);
                timeline?.Add("postgres", "commit", committing);
                if (!options.ResumeJobs && holds.TotalQueued > 0)
                {
                    notes.Add($"held {holds.TotalQueued:N0} queued or running jobs of the original app; resume-jobs gives them back to the services");
                }

                if (!options.DropExpired && holds.TotalExpired > 0)
                {
                    notes.Add($"kept {holds.TotalExpired:N0} documents and exports past their expiry; release-expired lets the retention sweep delete them");
                }
            }
            else
            {
                await transaction.RollbackAsync(ct);
                media?.Rollback();
            }

            Mark("commit");
            var messages = report is { Ok: false } ? report.Differences().Prepend("Verification failed; nothing was committed.").ToList() : [];
            return new ImportResult(outcome, messages, notes, loads, skips.Rows, jobs, report, loadTime, total.Elapsed) { Phases = phases, Holds = holds };
        }
        catch (SourceDataException ex)
        {
            await RollbackQuietlyAsync(transaction);
            media?.Rollback();
            return Result(ImportOutcome.InvalidSource, [ex.Message, "Nothing was written."], notes, total);
        }
        catch (SourceFileException)
        {
            await RollbackQuietlyAsync(transaction);
            media?.Rollback();
            throw;
        }
        catch
        {
            await RollbackQuietlyAsync(transaction);
            media?.Rollback();
            throw;
        }
    }

    /// <summary>
    /// Opens the import's transaction, takes the advisory lock and checks that the tables to fill are empty; when they
    /// are, drops the big tables' indexes and foreign keys (<see cref="DeferredIndexes"/>). The caller owns the transaction.
    /// </summary>
    static async Task<(NpgsqlTransaction Transaction, List<(string Table, long Rows)> Occupied, DeferredIndexes Deferred)> PrepareTargetAsync(
        NpgsqlConnection target, IReadOnlyList<TablePlan> tables, ImportTimeline? timeline, CancellationToken ct)
    {
        var preparing = timeline?.Now ?? default;
        var transaction = await target.BeginTransactionAsync(ct);
        try
        {
            await ExecuteAsync(target, transaction, $"SELECT pg_advisory_xact_lock({TargetDatabase.ImportLockKey})", ct);
            var occupied = await TargetDatabase.NonEmptyTablesAsync(target, tables, transaction, ct);
            timeline?.Add("postgres", "lock, emptiness check", preparing);
            if (occupied.Count > 0)
            {
                return (transaction, occupied, DeferredIndexes.None);
            }

            preparing = timeline?.Now ?? default;
            var deferred = await DeferredIndexes.DropAsync(target, transaction, tables, ct);
            timeline?.Add("postgres", "indexes and foreign keys dropped", preparing);
            return (transaction, occupied, deferred);
        }
        catch
        {
            await RollbackQuietlyAsync(transaction);
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Rolls back what <see cref="PrepareTargetAsync"/> did (the source failed its checks) and returns <paramref name="result"/>.</summary>
    static async Task<ImportResult> DiscardedAsync(
        Task<(NpgsqlTransaction Transaction, List<(string Table, long Rows)> Occupied, DeferredIndexes Deferred)> preparation, ImportResult result)
    {
        await DiscardAsync(preparation);
        return result;
    }

    /// <summary>Rolls back what <see cref="PrepareTargetAsync"/> did, once it has finished (or failed).</summary>
    static async Task DiscardAsync(Task<(NpgsqlTransaction Transaction, List<(string Table, long Rows)> Occupied, DeferredIndexes Deferred)> preparation)
    {
        await ((Task)preparation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (preparation.IsCompletedSuccessfully)
        {
            var transaction = preparation.Result.Transaction;
            await RollbackQuietlyAsync(transaction);
            await transaction.DisposeAsync();
        }
    }

    async Task<TableLoad> LoadTableAsync(
        NpgsqlConnection target, SourceTableScan scan, ChannelReader<CopyChunk> chunks, Action<long> onRowsWritten, CancellationToken ct)
    {
        var table = scan.Plan;
        var bar = progress.StartTable(table.Name, table.SourceRows);
        var watch = Stopwatch.StartNew();
        long loaded = 0;
        if (table.SourceRows > 0)
        {
            await using var copy = await target.BeginRawBinaryCopyAsync(
                $"COPY {Sql.Quote(table.Name)} ({Sql.ColumnList(table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", ct);
            copy.WriteTimeout = Timeout.Infinite;
            copy.ReadTimeout = Timeout.Infinite;
            try
            {
                await copy.WriteAsync(CopyRowWriter.Header.ToArray(), ct);
                // The rows come encoded from the reader threads (TableProducers); a reader's failure ends this loop.
                await foreach (var chunk in chunks.ReadAllAsync(ct))
                {
                    await copy.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Length), ct);
                    loaded += chunk.Rows;
                    onRowsWritten(loaded);
                    bar.Advance(chunk.Rows);
                }

                await copy.WriteAsync(CopyRowWriter.Trailer.ToArray(), ct);
            }
            catch
            {
                // Disposing a raw COPY stream completes the COPY: discard what was sent instead.
                await copy.CancelAsync();
                throw;
            }
        }
        else
        {
            await foreach (var _ in chunks.ReadAllAsync(ct))
            {
                // An empty table sends nothing; its reader only completes the queue.
            }
        }

        bar.Complete(loaded, watch.Elapsed);
        return new TableLoad(table.Name, scan.SourceRows, loaded, scan.Skipped, watch.Elapsed);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task RollbackQuietlyAsync(NpgsqlTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection may be broken; PostgreSQL rolls back a transaction whose connection is gone.
        }
    }

    static ImportResult Result(ImportOutcome outcome, IReadOnlyList<string> messages, IReadOnlyList<string> notes, Stopwatch total) =>
        new(outcome, messages, notes, [], [], 0, null, TimeSpan.Zero, total.Elapsed);
}
