using System.Diagnostics;
using System.Globalization;
using CvTailor.Data;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace CvTailor.SqliteTransfer.Bench;

/// <summary>
/// <c>bench</c>: generates an original-format database (<see cref="OriginalDatabaseGenerator"/>), then on the same
/// PostgreSQL server times (1) our load alone, (2) our load plus full verification, each into a fresh migrated
/// database, and (3) pgloader loading the same file into a scratch database with the vector extension; counts the rows
/// each left out, and prints the figures. Scratch databases are dropped afterwards.
/// </summary>
public sealed class TransferBenchmark(IAnsiConsole console, TransferBenchmark.Options options)
{
    public sealed record Options(string ServerConnectionString, int SizeMb, string? WorkDirectory, bool RunPgloader);

    sealed record Run(string Tool, string Phase, TimeSpan Time, long Loaded, long Skipped, long Lost, string Detail);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"cvtailor-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var file = Path.Combine(work, "original-bench.sqlite3");
        console.MarkupLine($"generating a ~{options.SizeMb} MB original-format database…");
        var watch = Stopwatch.StartNew();
        await new OriginalDatabaseGenerator(options.SizeMb).GenerateAsync(file, ct);
        var (sourceCounts, builtIns) = await BenchSource.ReadAsync(file, ct);
        var sourceRows = sourceCounts.Values.Sum();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {file}: {new FileInfo(file).Length / 1e6:F1} MB, {sourceRows:N0} rows in {sourceCounts.Count} tables, generated in {watch.Elapsed.TotalSeconds:F1} s"));

        var admin = new NpgsqlConnectionStringBuilder(options.ServerConnectionString) { Database = "postgres", Pooling = false };
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var runs = new List<Run>();
        var databases = new List<string>();
        try
        {
            // Untimed: one small import first, so the timed runs measure the work rather than the JIT's first pass.
            var warmFile = Path.Combine(work, "warm-up.sqlite3");
            await new OriginalDatabaseGenerator(1).GenerateAsync(warmFile, ct);
            await OursAsync("warm-up", $"cvtailor_bench_warm_{suffix}", verify: true, warmFile);
            runs.Add(await OursAsync("load", $"cvtailor_bench_load_{suffix}", verify: false));
            runs.Add(await OursAsync("load + verify", $"cvtailor_bench_verify_{suffix}", verify: true));
            if (options.RunPgloader)
            {
                runs.Add(await PgloaderAsync($"cvtailor_bench_pgloader_{suffix}"));
            }
        }
        finally
        {
            foreach (var name in databases)
            {
                await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
            }
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("tool", "phase", "time (s)", "rows/s", "rows loaded", "skipped (reported)", "rows lost");
        foreach (var run in runs)
        {
            table.AddRow(run.Tool, run.Phase, run.Time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
                (sourceRows / run.Time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture),
                run.Loaded.ToString("N0", CultureInfo.InvariantCulture), run.Skipped.ToString("N0", CultureInfo.InvariantCulture),
                run.Lost == 0 ? "[green]0[/]" : $"[red]{run.Lost:N0}[/]");
        }

        console.Write(table);
        foreach (var run in runs)
        {
            console.MarkupLine($"  [bold]{run.Tool} {run.Phase}[/]: {Markup.Escape(run.Detail)}");
        }

        var pgloader = runs.FirstOrDefault(r => r.Tool == "pgloader");
        if (pgloader is not null && pgloader.Time > TimeSpan.Zero)
        {
            var load = runs[0].Time.TotalSeconds / pgloader.Time.TotalSeconds;
            var full = runs[1].Time.TotalSeconds / pgloader.Time.TotalSeconds;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"our load = {load:F2}× pgloader's time (goal ≤ 0.30: {(load <= 0.3 ? "[green]met[/]" : "[red]missed[/]")}); " +
                $"load + verify = {full:F2}× (in process, warm; the goal ≤ 0.50 is for the whole command: bench import-vs-pgloader)"));
        }

        return 0;

        async Task<Run> OursAsync(string phase, string database, bool verify, string? source = null)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(options.ServerConnectionString) { Database = database }.ConnectionString;
            await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", ct);
            databases.Add(database);
            await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, ct);
            var watch = Stopwatch.StartNew();
            var result = await new SqliteImporter(SilentProgress.Instance).RunAsync(
                new ImportOptions { SourcePath = source ?? file, TargetConnectionString = connectionString, Verify = verify }, ct);
            watch.Stop();
            if (result.Outcome != ImportOutcome.Imported)
            {
                throw new InvalidOperationException($"import {result.Outcome}: {string.Join("; ", result.Messages)}");
            }

            if (source is not null)
            {
                return new Run("ours", phase, watch.Elapsed, 0, 0, 0, "");
            }

            var counts = await CountRowsAsync(connectionString, ct);
            // The built-in templates the file lacks stay in the target; they were not loaded.
            var loaded = counts.Where(kv => sourceCounts.ContainsKey(kv.Key)).Sum(kv => kv.Value - builtIns.Kept(kv.Key).Count);
            var lost = sourceRows - loaded - result.Skipped.Count;
            var detail = (result.Skipped.Count > 0 ? $"{result.Skipped[0].Table}: {result.Skipped[0].Reason}; " : "") +
                $"{result.EmbeddingJobs} re-embed jobs; " + string.Join(", ", result.Phases.Select(p => $"{p.Phase} {p.Elapsed.TotalSeconds:F2} s"));
            if (verify)
            {
                detail = $"verified {result.Report!.Tables.Count} tables: {(result.Report.Ok ? "identical" : "DIFFERENT")}; " + detail;
            }

            return new Run("ours", phase, watch.Elapsed, loaded, result.Skipped.Count, lost, detail);
        }

        async Task<Run> PgloaderAsync(string database)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(options.ServerConnectionString) { Database = database };
            await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", ct);
            databases.Add(database);
            await ExecuteAsync(connectionString.ConnectionString, "CREATE EXTENSION IF NOT EXISTS vector", ct);
            var log = Path.Combine(work, "pgloader.log");
            var run = await PgloaderProcess.RunAsync(file, connectionString.ConnectionString, ct);
            if (run is null)
            {
                console.MarkupLine("[yellow]pgloader is not installed: apt-get install pgloader (or eng/install-pgloader.sh), or pass --no-pgloader[/]");
                return new Run("pgloader", "load", TimeSpan.Zero, 0, 0, sourceRows, "not installed");
            }

            await File.WriteAllTextAsync(log, run.Output, ct);
            var counts = await CountRowsAsync(connectionString.ConnectionString, ct);
            var loaded = sourceCounts.Sum(kv => Math.Min(kv.Value, counts.GetValueOrDefault(kv.Key)));
            var lostTables = sourceCounts.Where(kv => counts.GetValueOrDefault(kv.Key) < kv.Value)
                .Select(kv => $"{kv.Key} {counts.GetValueOrDefault(kv.Key)}/{kv.Value}").ToList();
            var idType = await ScalarAsync(connectionString.ConnectionString,
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'artifact_chunks' AND column_name = 'id'", ct);
            var detail = $"exit {run.ExitCode}; --with {string.Join(", ", PgloaderProcess.Settings)}; ids typed {idType ?? "?"}; verified nothing" +
                (lostTables.Count > 0 ? "; short: " + string.Join(", ", lostTables) : "") + $"; log {log}";
            return new Run("pgloader", "load", run.Elapsed, loaded, 0, sourceRows - loaded, detail);
        }
    }

    /// <summary>Rows per table (summed over schemas: pgloader creates its own) of every base table of a database.</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var tables = new List<(string Schema, string Name)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (schema, name) in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {Sql.Quote(schema)}.{Sql.Quote(name)}", connection);
            counts[name] = counts.GetValueOrDefault(name) + (long)(await count.ExecuteScalarAsync(ct))!;
        }

        return counts;
    }

    static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<string?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }
}
