using System.Diagnostics;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using CvTailor.SqliteTransfer.Verification;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CvTailor.SqliteTransfer.Export;

/// <summary>
/// <c>export-sqlite</c>, the rollback path: writes the PostgreSQL data into a new SQLite file with the original's exact
/// schema (§1.4 + §1.5), <c>sqlite_sequence</c> at the identities' high-water marks and the <c>django_migrations</c>
/// rows of a fully migrated original, so the original app runs on it. The file appears only when complete, and is then
/// verified against the database with the import's own checks (so import → export → import gives equal checksums).
/// </summary>
public sealed class SqliteExporter(ITransferProgress progress)
{
    public async Task<ImportResult> RunAsync(ExportOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = Stopwatch.StartNew();
        var output = Path.GetFullPath(options.OutputPath);
        if (File.Exists(output) && !options.Overwrite)
        {
            return Failed($"{options.OutputPath} already exists; pass --overwrite to replace it", total);
        }

        var partial = output + ".partial";
        File.Delete(partial);
        await using var dataSource = TargetDatabase.CreateDataSource(options.SourceConnectionString);
        await using var database = await dataSource.OpenConnectionAsync(ct);
        var catalog = await TargetCatalog.ReadAsync(database, ct);
        var missing = OriginalSchema.Tables
            .SelectMany(t => catalog.TryGetValue(t.Key, out var table)
                ? t.Value.Where(c => table.Column(c) is null).Select(c => $"{t.Key}.{c}")
                : t.Key == "django_migrations" ? [] : [t.Key])
            .ToList();
        if (missing.Count > 0)
        {
            return Failed("the database lacks what the original schema needs: " + string.Join(", ", missing), total);
        }

        var loads = new List<TableLoad>();
        try
        {
            await using (var file = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await file.OpenAsync(ct);
                // A fresh file written in one go: no journal needed (the file is renamed into place only when complete).
                await ExecuteAsync(file, null, "PRAGMA journal_mode = OFF", ct);
                await ExecuteAsync(file, null, "PRAGMA synchronous = OFF", ct);
                await using var transaction = (SqliteTransaction)await file.BeginTransactionAsync(ct);
                foreach (var statement in OriginalSchema.Statements())
                {
                    await ExecuteAsync(file, transaction, statement, ct);
                }

                // Read in primary-key order so rowids follow the keys, as in a file the original wrote.
                var transactionSnapshot = await database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
                await using (transactionSnapshot)
                {
                    foreach (var (name, columns) in OriginalSchema.Tables.Where(t => t.Key != "django_migrations"))
                    {
                        loads.Add(await CopyTableAsync(database, file, transaction, catalog[name], columns, ct));
                    }

                    await WriteSequencesAsync(database, file, transaction, catalog, ct);
                }

                var applied = DjangoDateTime.Format(DateTime.UtcNow);
                foreach (var (app, migration) in OriginalSchema.Migrations)
                {
                    await using var insert = file.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO django_migrations (app, name, applied) VALUES ($app, $name, $applied)";
                    insert.Parameters.AddWithValue("$app", app);
                    insert.Parameters.AddWithValue("$name", migration);
                    insert.Parameters.AddWithValue("$applied", applied);
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                await ExecuteAsync(file, null, "PRAGMA journal_mode = DELETE", ct);
            }

            File.Move(partial, output, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var loadTime = total.Elapsed;
        if (!options.Verify)
        {
            return new ImportResult(ImportOutcome.Imported, [], [], loads, [], 0, null, loadTime, total.Elapsed);
        }

        var check = await SqliteVerifier.RunAsync(
            new ImportOptions { SourcePath = output, TargetConnectionString = options.SourceConnectionString }, SilentProgress.Instance, ct);
        // The check reuses the import's verifier; its notes speak of an import, so the export states its own.
        return check with { Notes = Notes(catalog), Tables = loads, LoadTime = loadTime, TotalTime = total.Elapsed };
    }

    /// <summary>What the export leaves out or writes anew, worded for an export.</summary>
    static List<string> Notes(IReadOnlyDictionary<string, TargetTable> catalog)
    {
        var notes = new List<string>
        {
            $"django_migrations written anew: the {OriginalSchema.Migrations.Count} rows of a fully migrated original, applied at the export time",
        };
        var left = catalog.Values
            .Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(t => OriginalSchema.Tables.TryGetValue(t.Name, out var columns)
                ? t.Columns.Where(c => !columns.Contains(c.Name)).Select(c => $"{t.Name}.{c.Name}")
                : [t.Name])
            .Order(StringComparer.Ordinal)
            .ToList();
        if (left.Count > 0)
        {
            notes.Add("not exported, the original schema has no place for them: " + string.Join(", ", left));
        }

        return notes;
    }

    async Task<TableLoad> CopyTableAsync(
        NpgsqlConnection database, SqliteConnection file, SqliteTransaction transaction, TargetTable table, IReadOnlyList<string> columnNames, CancellationToken ct)
    {
        var columns = columnNames.Select(c => table.Column(c)!).ToList();
        var watch = Stopwatch.StartNew();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {Sql.Quote(table.Name)}", database);
        var bar = progress.StartTable(table.Name, (long)(await count.ExecuteScalarAsync(ct))!);

        await using var insert = file.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {Sql.Quote(table.Name)} ({Sql.ColumnList(columnNames)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        insert.Prepare();

        var order = table.PrimaryKey is null ? "" : $" ORDER BY {Sql.Quote(table.PrimaryKey)}";
        // A status the importer held, and a vector kept at its own width, go back to the original app as it stored them.
        var selected = string.Join(", ", columnNames.Select(c => OriginalColumnSql.For(table.Name, c)));
        await using var select = new NpgsqlCommand($"SELECT {selected} FROM {Sql.Quote(table.Name)}{order}", database);
        select.CommandTimeout = 0;
        await using var reader = await select.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = SqliteValue.From(columns[i], TargetValueReader.Read(reader, i, columns[i]));
            }

            insert.ExecuteNonQuery();
            if (++rows % 1000 == 0)
            {
                bar.Advance(1000);
            }
        }

        bar.Advance(rows % 1000);
        bar.Complete(rows, watch.Elapsed);
        return new TableLoad(table.Name, rows, rows, 0, watch.Elapsed);
    }

    /// <summary><c>sqlite_sequence</c> = each identity's high-water mark, so the original would not reuse deleted ids either.</summary>
    static async Task WriteSequencesAsync(
        NpgsqlConnection database, SqliteConnection file, SqliteTransaction transaction, IReadOnlyDictionary<string, TargetTable> catalog, CancellationToken ct)
    {
        foreach (var statement in OriginalSchema.Statements().Where(s => s.Contains("AUTOINCREMENT", StringComparison.Ordinal)))
        {
            var name = statement.Split('"')[1];
            if (!catalog.TryGetValue(name, out var table) || table.Identity is not { } identity)
            {
                continue;
            }

            var highWater = await TargetDatabase.IdentityHighWaterAsync(database, name, identity.Name, null, ct);
            if (highWater <= 0)
            {
                continue;
            }

            await using var update = file.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE sqlite_sequence SET seq = max(seq, $seq) WHERE name = $name";
            update.Parameters.AddWithValue("$seq", highWater);
            update.Parameters.AddWithValue("$name", name);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                update.CommandText = "INSERT INTO sqlite_sequence (name, seq) VALUES ($name, $seq)";
                await update.ExecuteNonQueryAsync(ct);
            }
        }
    }

    static async Task ExecuteAsync(SqliteConnection file, SqliteTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = file.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    static ImportResult Failed(string message, Stopwatch total) =>
        new(ImportOutcome.InvalidSource, [message], [], [], [], 0, null, TimeSpan.Zero, total.Elapsed);
}
