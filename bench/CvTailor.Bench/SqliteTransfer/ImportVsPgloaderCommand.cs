using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CvTailor.LocalPostgres;
using CvTailor.Bench.Embeddings;
using CvTailor.Data;
using CvTailor.SqliteTransfer.Bench;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using Npgsql;

namespace CvTailor.Bench.SqliteTransfer;

/// <summary>
/// <c>import-vs-pgloader [--size-mb 120] [--runs 3] [--no-publish | --tool PATH] [--timings]</c>: generates an original-format (Django) SQLite database and its
/// media directory, starts a throwaway PostgreSQL cluster, then per run times, each as a process from start to exit and
/// each into a fresh database: pgloader, our <c>import-sqlite</c> as an operator runs it (media, verification), and
/// our load alone (no media, no verification). Prints every run, the medians and the ratios to pgloader, with the
/// machine, the date and the load average. pgloader: <c>apt-get install pgloader</c> (or eng/install-pgloader.sh).
/// </summary>
internal static class ImportVsPgloaderCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var sizeMb = EmbeddingLatencyCommand.Option(args, "--size-mb", 120);
        var runs = Math.Max(1, EmbeddingLatencyCommand.Option(args, "--runs", 3));
        var work = Path.Combine(Path.GetTempPath(), $"cvtailor-import-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var timings = args.Contains("--timings");
        try
        {
            var tool = Array.IndexOf(args, "--tool") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            var importer = tool is not null ? [tool]
                : args.Contains("--no-publish") ? BuiltCommand()
                : await PublishAsync(Path.Combine(work, "tool"), output, ct);
            await output.WriteLineAsync(Machine());
            await output.WriteLineAsync($"# load average at start: {LoadAverage()}");
            var file = Path.Combine(work, "db.sqlite3");
            var media = Path.Combine(work, "media");
            var generator = new OriginalDatabaseGenerator(sizeMb);
            await generator.GenerateAsync(file, ct);
            var (mediaFiles, mediaBytes) = await generator.WriteMediaAsync(media, ct);
            var (sourceCounts, builtIns) = await BenchSource.ReadAsync(file, ct);
            var sourceRows = sourceCounts.Values.Sum();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"# source: {new FileInfo(file).Length / 1e6:F1} MB SQLite, {sourceRows:N0} rows in {sourceCounts.Count} tables " +
                $"({string.Join(", ", sourceCounts.OrderByDescending(kv => kv.Value).Take(4).Select(kv => $"{kv.Key} {kv.Value:N0}"))}, …); " +
                $"media: {mediaFiles:N0} files, {mediaBytes / 1e6:F1} MB"));

            var state = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-pg-{Guid.NewGuid():N}");
            // A durable cluster (fsync on), as an operator's server would be; both tools load into the same one.
            await using var postgres = await LocalPostgresServer.StartAsync(new PostgresLauncherOptions { StateDirectory = state }, _ => { }, ct);
            try
            {
                await postgres.CreateDatabaseAsync("migrated", ct);
                await DatabaseMigrator.MigrateAsync(postgres.GetConnectionString("migrated") + ";Pooling=false",
                    Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
                await output.WriteLineAsync($"# PostgreSQL: {await ScalarAsync(postgres.GetConnectionString(), "SHOW server_version", ct)}; " +
                    $"pgloader --with {string.Join(", ", PgloaderProcess.Settings)}; ours: {string.Join(' ', importer)}");
                var (waited, since) = await RecentlyFreedInodes.WaitAsync(ct);
                if (waited > TimeSpan.Zero)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"# waited {waited.TotalSeconds:F0} s before the first run: the previous invocation's clean-up freed ~40,000 inodes less than 65 s ago, which ext4 without a journal scans past on every file it creates (RecentlyFreedInodes); each timed run starts after a sync"));
                }

                if (since < RecentlyFreedInodes.DirtyWindow)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"# note: the previous invocation cleaned up {since.Value.TotalSeconds:F0} s ago (less than 6 min): on ext4 without a journal the media copy of the full runs may still pay part of that scan"));
                }

                await output.WriteLineAsync("run  pgloader (s)  ours full (s)  ours load (s)  full/pgloader  load/pgloader  load avg");
                var rows = new List<(double Pgloader, double Full, double Load)>();
                var databases = new List<string>();
                for (var run = 1; run <= runs; run++)
                {
                    var pgDb = await FreshAsync(postgres, $"pgloader_{run}", template: null, ct);
                    await ExecuteAsync(pgDb, "CREATE EXTENSION IF NOT EXISTS vector", ct);
                    await RecentlyFreedInodes.SettleAsync(ct);
                    var pg = await PgloaderProcess.RunAsync(file, pgDb, ct);
                    if (pg is null)
                    {
                        await output.WriteLineAsync("pgloader is not installed: apt-get install pgloader (Debian/Ubuntu package), or eng/install-pgloader.sh");
                        return 2;
                    }

                    var pgCounts = await TransferBenchmark.CountRowsAsync(pgDb, ct);
                    var fullDb = await FreshAsync(postgres, $"full_{run}", "migrated", ct);
                    var storage = Path.Combine(work, $"storage-{run}");
                    await RecentlyFreedInodes.SettleAsync(ct);
                    var full = await TimeAsync(importer, ["import-sqlite", file, "--target", fullDb, "--media", media, "--storage-root", storage, .. (timings ? ["--timings"] : Array.Empty<string>())], Path.Combine(work, $"full-{run}.log"), ct);
                    var fullCounts = await TransferBenchmark.CountRowsAsync(fullDb, ct);
                    var loadDb = await FreshAsync(postgres, $"load_{run}", "migrated", ct);
                    await RecentlyFreedInodes.SettleAsync(ct);
                    var load = await TimeAsync(importer, ["import-sqlite", file, "--target", loadDb, "--skip-verification"], Path.Combine(work, $"load-{run}.log"), ct);
                    rows.Add((pg.Elapsed.TotalSeconds, full.TotalSeconds, load.TotalSeconds));
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{run,3}  {pg.Elapsed.TotalSeconds,12:F2}  {full.TotalSeconds,13:F2}  {load.TotalSeconds,13:F2}  {full / pg.Elapsed,13:F2}  {load / pg.Elapsed,13:F2}  {LoadAverage()}"));
                    await output.WriteLineAsync($"     full phases: {Phases(Path.Combine(work, $"full-{run}.log"), full)}");
                    await output.WriteLineAsync($"     load phases: {Phases(Path.Combine(work, $"load-{run}.log"), load)}");
                    if (timings)
                    {
                        await output.WriteLineAsync($"     full timeline (start, end, seconds): {Timeline(Path.Combine(work, $"full-{run}.log"))}");
                    }

                    if (run == 1)
                    {
                        await output.WriteLineAsync($"     pgloader: exit {pg.ExitCode}, {Moved(pgCounts, sourceCounts, BuiltInRows.None)}");
                        await output.WriteLineAsync($"     ours: {Moved(fullCounts, sourceCounts, builtIns)}; media {Directory.EnumerateFiles(storage, "*", SearchOption.AllDirectories).Count():N0} files copied");
                    }

                    // The databases and the storage roots stay until the end (below): deleting 7,060 files (or a database's
                    // relation files) right before the next run makes ext4's inode allocator skip each recently freed inode
                    // on every file the next run creates (on a file system without a journal, for 5 minutes), which made
                    // runs 2 and 3 pay up to 1.5 s of kernel time that an operator's single import never sees.
                    databases.AddRange([pgDb, fullDb, loadDb]);
                }

                var pgMedian = Median(rows.Select(r => r.Pgloader));
                var fullMedian = Median(rows.Select(r => r.Full));
                var loadMedian = Median(rows.Select(r => r.Load));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"median {pgMedian,9:F2}  {fullMedian,13:F2}  {loadMedian,13:F2}  {fullMedian / pgMedian,13:F2}  {loadMedian / pgMedian,13:F2}"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"goals: full ≤ 0.50 × pgloader: {(fullMedian / pgMedian <= 0.5 ? "met" : "MISSED")}; load ≤ 0.30 × pgloader: {(loadMedian / pgMedian <= 0.3 ? "met" : "MISSED")}"));
                await output.WriteLineAsync($"# load average at end: {LoadAverage()}; logs in {work}");
                foreach (var database in databases)
                {
                    await ExecuteAsync(postgres.GetConnectionString(), $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", ct);
                }

                return 0;
            }
            finally
            {
                await postgres.StopAsync(TimeSpan.FromSeconds(15));
                TryDelete(state);
            }
        }
        finally
        {
            foreach (var dir in Directory.EnumerateDirectories(work))
            {
                TryDelete(dir); // media and storage roots; the SQLite file and the logs stay for inspection
            }

            await RecentlyFreedInodes.CleanedUpAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The tool as an operator installs it: <c>dotnet publish</c> (ReadyToRun, set in its project file), so the run
    /// does not spend its first second compiling Npgsql, SQLite and the command line.
    /// </summary>
    static async Task<string[]> PublishAsync(string directory, TextWriter output, CancellationToken ct)
    {
        var project = FindProject();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", directory, "-v", "q", "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{await stdout}{await stderr}");
        }

        await output.WriteLineAsync($"# tool: dotnet publish -c Release -r {RuntimeInformation.RuntimeIdentifier} (ReadyToRun); --no-publish times the JIT build beside the bench");
        return [Path.Combine(directory, OperatingSystem.IsWindows() ? "cvtailor-sqlite-transfer.exe" : "cvtailor-sqlite-transfer")];
    }

    static string FindProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "CvTailor.SqliteTransfer", "CvTailor.SqliteTransfer.csproj");
            if (File.Exists(project))
            {
                return project;
            }
        }

        throw new InvalidOperationException("CvTailor.SqliteTransfer.csproj not found above the bench; run the bench from the repository (or pass --no-publish)");
    }

    /// <summary>The import tool built beside this bench (a project reference): JIT-compiled, as <c>dotnet run</c> starts it.</summary>
    static string[] BuiltCommand()
    {
        var host = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "cvtailor-sqlite-transfer.exe" : "cvtailor-sqlite-transfer");
        return File.Exists(host) ? [host] : ["dotnet", Path.Combine(AppContext.BaseDirectory, "cvtailor-sqlite-transfer.dll")];
    }

    static async Task<TimeSpan> TimeAsync(string[] command, string[] args, string log, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1).Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"); // no telemetry export in a timed run
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        watch.Stop();
        await File.WriteAllTextAsync(log, await stdout + await stderr, ct);
        return process.ExitCode == 0 ? watch.Elapsed
            : throw new InvalidOperationException($"import-sqlite exited with {process.ExitCode}; see {log}");
    }

    /// <summary>
    /// The command's own <c>time:</c> line (its phases) with what lies outside them: process start, runtime start-up,
    /// argument parsing and exit (wall time minus the run time the command reports).
    /// </summary>
    static string Phases(string log, TimeSpan wall)
    {
        var lines = File.ReadAllLines(log);
        // The line may wrap at the console width: its continuation runs up to the "complete in" line.
        var at = Array.FindLastIndex(lines, l => l.StartsWith("time: ", StringComparison.Ordinal));
        var phases = at < 0 ? "(no time line)"
            : string.Join(' ', lines.Skip(at).TakeWhile((l, i) => i == 0 || !l.Contains(" complete in ", StringComparison.Ordinal)).Select(l => l.Trim()))["time: ".Length..];
        var done = lines.LastOrDefault(l => l.Contains(" complete in ", StringComparison.Ordinal));
        var inProcess = done is null ? (double?)null
            : double.Parse(done.Split(" complete in ", 2)[1].Split(' ', 2)[0], CultureInfo.InvariantCulture);
        return inProcess is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"process start, runtime and exit {wall.TotalSeconds - seconds:F2} s, {phases}")
            : phases;
    }

    /// <summary>From a <c>--timings</c> log: the media copy's span and the last span of PostgreSQL's connection (the commit).</summary>
    static string Timeline(string log)
    {
        var lines = File.ReadAllLines(log).Select(l => l.Trim()).Where(l => l.Length > 0 && char.IsDigit(l[0])).ToList();
        var media = lines.FirstOrDefault(l => l.Contains(" media ", StringComparison.Ordinal));
        var first = lines.FirstOrDefault(l => l.Contains(" COPY ", StringComparison.Ordinal));
        var last = lines.LastOrDefault(l => l.Contains(" postgres ", StringComparison.Ordinal));
        return string.Join("; ", new[] { first, media, last }.Where(l => l is not null).Select(l => string.Join(' ', l!.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    static string Moved(Dictionary<string, long> counts, Dictionary<string, long> source, BuiltInRows builtIns)
    {
        // The built-in templates the file lacks stay in our target; they were not loaded.
        var loaded = source.Sum(kv => Math.Min(kv.Value, Math.Max(0, counts.GetValueOrDefault(kv.Key) - builtIns.Kept(kv.Key).Count)));
        var short_ = source.Where(kv => counts.GetValueOrDefault(kv.Key) - builtIns.Kept(kv.Key).Count < kv.Value)
            .Select(kv => $"{kv.Key} {counts.GetValueOrDefault(kv.Key) - builtIns.Kept(kv.Key).Count}/{kv.Value}").ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{loaded:N0} of {source.Values.Sum():N0} rows") + (short_.Count > 0 ? "; short: " + string.Join(", ", short_) : "");
    }

    static async Task<string> FreshAsync(LocalPostgresServer postgres, string name, string? template, CancellationToken ct)
    {
        await ExecuteAsync(postgres.GetConnectionString(), $"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), ct);
        return postgres.GetConnectionString(name) + ";Pooling=false";
    }

    static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<string?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    static string LoadAverage() => BenchMachine.LoadAverage();

    static string Machine() => BenchMachine.Describe();

    static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp root; best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // The cluster's files belong to the postgres user when run as root; best effort.
        }
    }
}
