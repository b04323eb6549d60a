using CvTailor.Data.Export;
using CvTailor.SqliteTransfer.Cli;
using CvTailor.SqliteTransfer.Export;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using CvTailor.SqliteTransfer.Verification;
using Microsoft.Data.Sqlite;
using Pgvector;
using Spectre.Console;
using Spectre.Console.Testing;
using static CvTailor.Tests.SqliteTransfer.TransferTestDatabase;

namespace CvTailor.Tests.SqliteTransfer;

[Collection(SqliteTransferCliGroup.Name)]
public sealed class SqliteImportTests : IDisposable
{
    readonly OriginalDatabaseFixture _original = new();

    ImportOptions Options(string target, string? storageRoot = null) => new()
    {
        SourcePath = _original.DatabasePath,
        TargetConnectionString = target,
        MediaDirectory = storageRoot is null ? null : _original.MediaDirectory,
        StorageRoot = storageRoot,
    };

    static Task<ImportResult> ImportAsync(ImportOptions options) => new SqliteImporter(SilentProgress.Instance).RunAsync(options, CancellationToken.None);

    [Fact]
    public async Task Import_carries_every_table_and_value_exactly()
    {
        var target = await CreateAsync();
        var storage = _original.NewStorageRoot();

        var result = await ImportAsync(Options(target, storage));

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.True(result.Report!.Ok, string.Join("\n", result.Report.Differences()));
        // Every table of the file except Django's migration history is carried, and every one of them has rows.
        var carried = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").Order().ToList();
        Assert.Equal(carried, result.Report.Tables.Select(t => t.Table).Order().ToList());
        Assert.All(result.Report.Tables, t => Assert.True(t.TargetRows > 0, $"{t.Table} is empty"));

        // Text: emoji, SQL-looking text, '' and NULL stay what they were; hashes verbatim.
        Assert.Equal(OriginalDatabaseFixture.DjangoHash, await ScalarAsync<string>(target, "SELECT password FROM accounts_user WHERE id = 1"));
        Assert.Equal(OriginalDatabaseFixture.GoogleOnlyPassword, await ScalarAsync<string>(target, "SELECT password FROM accounts_user WHERE id = 2"));
        Assert.Equal(OriginalDatabaseFixture.EmojiText, await ScalarAsync<string>(target, "SELECT first_name FROM accounts_user WHERE id = 1"));
        Assert.Equal(OriginalDatabaseFixture.SqlLookingText, await ScalarAsync<string>(target, "SELECT last_name FROM accounts_user WHERE id = 1"));
        Assert.Equal(OriginalDatabaseFixture.SqlLookingText, await ScalarAsync<string>(target, "SELECT description FROM artifacts_artifact WHERE id = 10"));
        Assert.Equal("", await ScalarAsync<string>(target, "SELECT bio FROM accounts_user WHERE id = 1"));
        Assert.True(await ScalarAsync<bool>(target, "SELECT profile_image IS NULL FROM accounts_user WHERE id = 1"));
        Assert.Equal("", await ScalarAsync<string>(target, "SELECT profile_image FROM accounts_user WHERE id = 5"));
        Assert.Equal("Line 1\nLine 2\ttabbed", await ScalarAsync<string>(target, "SELECT bio FROM accounts_user WHERE id = 2"));

        // Timestamps: naive UTC text with and without fractions → timestamptz, to the microsecond.
        Assert.Equal("2024-01-02 03:04:05.123456+00", await ScalarAsync<string>(target, "SELECT created_at::text FROM accounts_user WHERE id = 1"));
        Assert.Equal("2024-01-02 03:04:05.000001+00", await ScalarAsync<string>(target, "SELECT updated_at::text FROM accounts_user WHERE id = 1"));
        Assert.Equal("2024-01-02 03:04:05+00", await ScalarAsync<string>(target, "SELECT date_joined::text FROM accounts_user WHERE id = 1"));
        Assert.Equal("2023-05-01", await ScalarAsync<string>(target, "SELECT start_date::text FROM artifacts_artifact WHERE id = 10"));

        // UUIDs from 32 hex digits; JSON with \u escapes has the same content as jsonb.
        Assert.Equal(1L, await ScalarAsync<long>(target, "SELECT count(*) FROM artifacts_artifactprocessingjob WHERE id = '87feb744-cdfb-45b4-8ba2-9f0c9135295e'"));
        Assert.True(await ScalarAsync<bool>(target, "SELECT technologies = '[\"Python\", \"Café\", \"🚀\", \"tab\\tnew\\nline\"]'::jsonb FROM artifacts_artifact WHERE id = 10"));
        Assert.True(await ScalarAsync<bool>(target,
            "SELECT extracted_metadata = '{\"a\": {\"nested\": [1.5, 0.00002, 10000000000000000, null, true]}, \"b\": 1, \"quote\": \"it''s \\\"x\\\"\", \"emoji\": \"😀\"}'::jsonb FROM artifacts_artifact WHERE id = 10"));
        Assert.True(await ScalarAsync<bool>(target, "SELECT extra_data->>'name' = 'Bob “B”' FROM socialaccount_socialaccount WHERE id = 1"));

        // Decimals: SQLite INTEGER 0 and 3, REAL 0.0001234 / 0.85 / 0.083333, quantized to the column scale.
        Assert.Equal("0.000000", await ScalarAsync<string>(target, "SELECT cost_usd::text FROM model_performance_metrics WHERE id = '22222222-2222-2222-2222-222222222222'"));
        Assert.Equal("0.000123", await ScalarAsync<string>(target, "SELECT cost_usd::text FROM model_performance_metrics WHERE id = '33333333-3333-3333-3333-333333333333'"));
        Assert.Equal("1.00", await ScalarAsync<string>(target, "SELECT quality_score::text FROM model_performance_metrics WHERE id = '33333333-3333-3333-3333-333333333333'"));
        Assert.Equal("0.12", await ScalarAsync<string>(target, "SELECT complexity_score::text FROM model_performance_metrics WHERE id = '33333333-3333-3333-3333-333333333333'"));
        Assert.Equal("3.000000", await ScalarAsync<string>(target, "SELECT total_cost_usd::text FROM model_cost_tracking WHERE id = 1"));
        Assert.Equal("0.083333", await ScalarAsync<string>(target, "SELECT avg_cost_per_generation::text FROM model_cost_tracking WHERE id = 1"));
        Assert.Equal(5_000_000_000L, await ScalarAsync<long>(target, "SELECT total_tokens_used FROM model_cost_tracking WHERE id = 1"));
        Assert.Equal(0.85, await ScalarAsync<double>(target, "SELECT parsing_confidence FROM generation_jobdescription WHERE id = 1"));

        // Booleans, inet, a text primary key.
        Assert.False(await ScalarAsync<bool>(target, "SELECT is_accessible FROM artifacts_evidencelink WHERE id = 3"));
        Assert.Equal("2001:db8::1", await ScalarAsync<string>(target, "SELECT host(ip_address) FROM export_exportanalytics WHERE id = 2"));
        Assert.Equal(3, await ScalarAsync<int>(target, "SELECT failure_count FROM circuit_breaker_states WHERE model_name = 'claude-3-ü'"));

        // Vectors: 1536 floats bit for bit; rows with another length are skipped and reported, with the chunk of the skipped parent.
        var vector = await ScalarAsync<Vector>(target, $"SELECT content_embedding FROM enhanced_artifacts WHERE id = '{Guid.ParseExact(OriginalDatabaseFixture.EnhancedKept, "N")}'");
        Assert.Equal(_original.KeptVector, vector.ToArray());
        Assert.Equal(
            [OriginalDatabaseFixture.EnhancedWrongLength, OriginalDatabaseFixture.ChunkOfSkippedParent, OriginalDatabaseFixture.Chunk3072],
            result.Skipped.Select(s => s.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(result.Skipped, s => s.Key == OriginalDatabaseFixture.Chunk3072 && s.Reason.Contains("3072 dimensions", StringComparison.Ordinal));
        Assert.Equal(2L, await ScalarAsync<long>(target, "SELECT count(*) FROM artifact_chunks"));
        Assert.Equal(2L, await ScalarAsync<long>(target, "SELECT count(*) FROM enhanced_artifacts"));

        // Artifacts whose vectors did not all come along get a re-embedding job; artifact 13 kept its vectors.
        Assert.Equal("10,11,12", string.Join(",", await ArtifactJobsAsync(target)));

        // Identities continue past sqlite_sequence (deleted ids 6..9 and 14..20 are not reused).
        Assert.Equal(10L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('accounts_user', 'id'))"));
        Assert.Equal(21L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('artifacts_artifact', 'id'))"));
        Assert.Equal(5L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('export_exportanalytics', 'id'))"));

        // Media files land under the storage root with their relative paths.
        foreach (var (path, bytes) in OriginalDatabaseFixture.MediaFiles)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(storage, path)));
        }

        Assert.Equal(3, result.Report.Media!.Files);
        Assert.True(result.Report.Media.Ok);
    }

    [Fact]
    public async Task Verify_only_reports_identical_tables_then_names_the_one_that_changed()
    {
        var target = await CreateAsync();
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(Options(target))).Outcome);

        var clean = await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None);
        Assert.True(clean.Report!.Ok);
        Assert.Equal(0, clean.ExitCode);
        Assert.All(clean.Report.Tables, t => Assert.Equal(t.SourceChecksum, t.TargetChecksum));
        var chunks = clean.Report.Tables.Single(t => t.Table == "artifact_chunks");
        Assert.Equal((4L, 2L, 2L), (chunks.SourceRows, chunks.Skipped, chunks.TargetRows));

        await ExecuteAsync(target, "UPDATE artifacts_artifact SET updated_at = updated_at + interval '1 microsecond' WHERE id = 13");
        var changed = await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None);
        Assert.Equal(ImportOutcome.VerificationFailed, changed.Outcome);
        Assert.Equal(["artifacts_artifact"], changed.Report!.Tables.Where(t => !t.Ok).Select(t => t.Table).ToArray());

        // Through the command line: non-zero exit and the table flagged in the printed report.
        var console = new TestConsole();
        console.Profile.Width = 250;
        var exit = await SqliteTransferCli.RunAsync(["import-sqlite", _original.DatabasePath, "--verify-only", "--target", target], console);
        Assert.Equal(1, exit);
        Assert.Contains("DIFFERS", console.Output, StringComparison.Ordinal);

        await ExecuteAsync(target, "DELETE FROM generation_generationfeedback");
        var missing = await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None);
        Assert.Contains(missing.Messages, m => m.StartsWith("generation_generationfeedback: 1 rows expected, target has 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_export_import_round_trip_gives_identical_checksums_and_the_original_schema()
    {
        var first = await CreateAsync();
        var imported = await ImportAsync(Options(first));
        Assert.Equal(ImportOutcome.Imported, imported.Outcome);

        var exportedPath = Path.Combine(_original.Directory, "exported.sqlite3");
        var exported = await new SqliteExporter(SilentProgress.Instance).RunAsync(
            new ExportOptions { OutputPath = exportedPath, SourceConnectionString = first }, CancellationToken.None);
        Assert.Equal(ImportOutcome.Imported, exported.Outcome);
        Assert.True(exported.Report!.Ok, string.Join("\n", exported.Report.Differences()));

        var second = await CreateAsync();
        var reimported = await ImportAsync(Options(second) with { SourcePath = exportedPath });
        Assert.Equal(ImportOutcome.Imported, reimported.Outcome);
        Assert.Empty(reimported.Skipped);
        // The first import's checks leave out the built-in templates the file lacked (ids 2–4); the exported file holds
        // them, so the second import replaced all four. Those two tables are compared whole, database against database.
        var templates = BuiltInRows.Seeded.Keys.ToHashSet();
        var before = imported.Report!.Tables.Where(t => !templates.Contains(t.Table)).ToDictionary(t => t.Table, t => t.TargetChecksum);
        var after = reimported.Report!.Tables.Where(t => !templates.Contains(t.Table)).ToDictionary(t => t.Table, t => t.TargetChecksum);
        Assert.Equal(before, after);
        foreach (var table in templates)
        {
            var sql = $"SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY id)) FROM {table} t";
            Assert.Equal(await ScalarAsync<string>(first, sql), await ScalarAsync<string>(second, sql));
            Assert.StartsWith("4:", await ScalarAsync<string>(second, sql), StringComparison.Ordinal);
        }

        // The file is the original's schema, statement for statement, with the rows the original app expects.
        await using var file = new SqliteConnection($"Data Source={exportedPath};Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        var schema = new List<string>();
        await using (var command = file.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'sqlite_sequence'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                schema.Add(reader.GetString(0));
            }
        }

        Assert.Equal(OriginalSchema.Statements().Order(StringComparer.Ordinal), schema.Order(StringComparer.Ordinal));
        Assert.Equal(OriginalSchema.Migrations.Count, await SqliteScalarAsync<long>(file, "SELECT count(*) FROM django_migrations"));
        Assert.Equal(9L, await SqliteScalarAsync<long>(file, "SELECT seq FROM sqlite_sequence WHERE name = 'accounts_user'"));
        Assert.Equal(20L, await SqliteScalarAsync<long>(file, "SELECT seq FROM sqlite_sequence WHERE name = 'artifacts_artifact'"));
        // Physical forms as Django wrote them: 32-hex ids, Python-style JSON, 0/1, datetime text, decimals as INTEGER/REAL.
        Assert.Equal(OriginalDatabaseFixture.EscapedJson, await SqliteScalarAsync<string>(file, "SELECT technologies FROM artifacts_artifact WHERE id = 10"));
        Assert.Equal(OriginalDatabaseFixture.ProcessingJobId, await SqliteScalarAsync<string>(file, "SELECT id FROM artifacts_artifactprocessingjob"));
        Assert.Equal("2024-01-02 03:04:05", await SqliteScalarAsync<string>(file, "SELECT date_joined FROM accounts_user WHERE id = 1"));
        Assert.Equal("2024-01-02 03:04:05.123456", await SqliteScalarAsync<string>(file, "SELECT created_at FROM accounts_user WHERE id = 1"));
        Assert.Equal("integer", await SqliteScalarAsync<string>(file, "SELECT typeof(total_cost_usd) FROM model_cost_tracking"));
        Assert.Equal("real", await SqliteScalarAsync<string>(file, "SELECT typeof(avg_cost_per_generation) FROM model_cost_tracking"));
        Assert.Equal(1L, await SqliteScalarAsync<long>(file, "SELECT is_superuser FROM accounts_user WHERE id = 1"));
    }

    [Fact]
    public async Task A_chunk_vector_kept_at_its_own_width_is_exported_zero_padded_as_the_original_stored_it()
    {
        var target = await CreateAsync();
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(Options(target))).Outcome);
        // A local-model chunk written after the import: 512 values in embedding_vector_512, none in embedding_vector.
        var narrow = Enumerable.Range(0, 512).Select(i => (float)Math.Sin(i * 0.37) / 3).ToArray();
        var id = Guid.NewGuid();
        await ExecuteAsync(target, $"""
            INSERT INTO artifact_chunks (id, chunk_index, content, metadata, embedding_vector_512, content_hash, model_used,
                                         tokens_used, processing_cost_usd, created_at, artifact_id, embedding_dimensions)
            VALUES ('{id}', 7, 'narrow chunk', '{"{}"}', '{VectorText.Format(narrow)}', 'h', 'use-lite', 3, 0, now(),
                    '{Guid.ParseExact(OriginalDatabaseFixture.EnhancedKept, "N")}', 512)
            """);

        var exportedPath = Path.Combine(_original.Directory, "narrow.sqlite3");
        var exported = await new SqliteExporter(SilentProgress.Instance).RunAsync(
            new ExportOptions { OutputPath = exportedPath, SourceConnectionString = target }, CancellationToken.None);
        Assert.Equal(ImportOutcome.Imported, exported.Outcome);
        Assert.True(exported.Report!.Ok, string.Join("\n", exported.Report.Differences()));

        await using var file = new SqliteConnection($"Data Source={exportedPath};Mode=ReadOnly;Pooling=False");
        await file.OpenAsync();
        var stored = VectorText.Parse(await SqliteScalarAsync<string>(file, $"SELECT embedding_vector FROM artifact_chunks WHERE id = '{id:N}'"));
        Assert.Equal(1536, stored.Length);
        Assert.Equal(narrow, stored[..512]);
        Assert.All(stored[512..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task An_interrupted_import_leaves_the_target_and_the_storage_root_as_they_were()
    {
        var target = await CreateAsync();
        var storage = _original.NewStorageRoot();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        var fresh = await TotalRowsAsync(target, tables); // the built-in templates the migrations seed

        // Past the users, artifacts and links, before the vectors: the fault hits mid-run.
        await Assert.ThrowsAsync<InjectedFaultException>(() => ImportAsync(Options(target, storage) with { FaultAfterRows = 25 }));
        Assert.Equal(fresh, await TotalRowsAsync(target, tables));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM accounts_user_id_seq"));
        Assert.False(Directory.Exists(storage) && Directory.EnumerateFileSystemEntries(storage).Any());

        // The same through the command line: exit code 5, nothing kept.
        var exit = await SqliteTransferCli.RunAsync(
            ["import-sqlite", _original.DatabasePath, "--target", target, "--media", _original.MediaDirectory, "--storage-root", storage, "--fault-after-rows", "3"],
            new TestConsole());
        Assert.Equal(SqliteTransferCli.FailedExitCode, exit);
        Assert.Equal(fresh, await TotalRowsAsync(target, tables));
        Assert.False(Directory.Exists(storage) && Directory.EnumerateFileSystemEntries(storage).Any());

        // Nothing half-done blocks a clean run afterwards.
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(Options(target, storage))).Outcome);
        Assert.Equal(OriginalDatabaseFixture.MediaFiles.Count, Directory.EnumerateFiles(storage, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task A_second_import_is_refused_and_changes_nothing()
    {
        var target = await CreateAsync();
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(Options(target))).Outcome);
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        var rows = await TotalRowsAsync(target, tables);

        var again = await ImportAsync(Options(target));

        Assert.Equal(ImportOutcome.Refused, again.Outcome);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("already holds data", again.Messages.Single(), StringComparison.Ordinal);
        Assert.Contains("accounts_user (3)", again.Messages.Single(), StringComparison.Ordinal);
        Assert.Equal(rows, await TotalRowsAsync(target, tables));
        Assert.True((await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None)).Report!.Ok);
    }

    [Fact]
    public async Task Dry_run_checks_everything_and_writes_nothing()
    {
        var target = await CreateAsync();
        var storage = _original.NewStorageRoot();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        var fresh = await TotalRowsAsync(target, tables);

        var result = await ImportAsync(Options(target, storage) with { DryRun = true });

        Assert.Equal(ImportOutcome.DryRun, result.Outcome);
        Assert.True(result.Report!.Ok);
        Assert.Equal(3, result.Skipped.Count);
        Assert.Equal(3, result.Tables.Single(t => t.Table == "accounts_user").Loaded);
        Assert.Equal(fresh, await TotalRowsAsync(target, tables));
        Assert.Equal(
            ExportTemplateSeed.All.Select(t => t.Name).ToArray(),
            await TemplateNamesAsync(target, "export_exporttemplate")); // the built-ins the dry run replaced in its transaction are back
        Assert.False(Directory.Exists(storage));
    }

    [Fact]
    public async Task Template_rows_of_the_file_replace_the_built_ins_of_the_same_id_and_the_other_built_ins_stay()
    {
        var target = await CreateAsync();
        Assert.Equal(ExportTemplateSeed.All.Select(t => t.Name).ToArray(), await TemplateNamesAsync(target, "generation_cvtemplate"));

        var result = await ImportAsync(Options(target));

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.True(result.Report!.Ok, string.Join("\n", result.Report.Differences()));
        // The file has CV template 1 "Modern" and export template 1 "Classic" (inactive, premium): they take id 1.
        Assert.Equal(["Modern", "Modern Tech", "Classic", "Creative"], await TemplateNamesAsync(target, "generation_cvtemplate"));
        Assert.Equal(["Classic", "Modern Tech", "Classic", "Creative"], await TemplateNamesAsync(target, "export_exporttemplate"));
        Assert.False(await ScalarAsync<bool>(target, "SELECT is_active FROM export_exporttemplate WHERE id = 1"));
        Assert.Equal("2024-01-01 00:00:00+00", await ScalarAsync<string>(target, "SELECT created_at::text FROM generation_cvtemplate WHERE id = 1"));
        // The report counts the file's rows only: one row each, though the table now has four.
        Assert.Equal((1L, 1L), result.Report.Tables.Where(t => t.Table == "export_exporttemplate").Select(t => (t.SourceRows, t.TargetRows)).Single());
        // New templates continue after the built-ins.
        Assert.Equal(5L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('generation_cvtemplate', 'id'))"));
        Assert.Equal(5L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('export_exporttemplate', 'id'))"));
        // --verify-only agrees; a changed built-in that stayed is not the file's business, a changed imported row is.
        await ExecuteAsync(target, "UPDATE export_exporttemplate SET name = 'Renamed' WHERE id = 3");
        Assert.True((await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None)).Report!.Ok);
        await ExecuteAsync(target, "UPDATE export_exporttemplate SET name = 'Renamed' WHERE id = 1");
        var changed = await SqliteVerifier.RunAsync(Options(target), SilentProgress.Instance, CancellationToken.None);
        Assert.Equal(["export_exporttemplate"], changed.Report!.Tables.Where(t => !t.Ok).Select(t => t.Table).ToArray());
    }

    [Fact]
    public async Task A_file_without_template_rows_keeps_all_four_built_ins()
    {
        _original.Execute("UPDATE export_exportjob SET template_id = NULL");
        _original.Execute("DELETE FROM generation_cvtemplate");
        _original.Execute("DELETE FROM export_exporttemplate");
        _original.Execute("DELETE FROM sqlite_sequence WHERE name IN ('generation_cvtemplate', 'export_exporttemplate')");
        var target = await CreateAsync();

        var result = await ImportAsync(Options(target));

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.True(result.Report!.Ok, string.Join("\n", result.Report.Differences()));
        Assert.Equal(ExportTemplateSeed.All.Select(t => t.Name).ToArray(), await TemplateNamesAsync(target, "export_exporttemplate"));
        Assert.Equal(ExportTemplateSeed.All.Select(t => t.Name).ToArray(), await TemplateNamesAsync(target, "generation_cvtemplate"));
        Assert.Equal(5L, await ScalarAsync<long>(target, "SELECT nextval(pg_get_serial_sequence('export_exporttemplate', 'id'))"));
    }

    [Fact]
    public async Task A_value_that_cannot_move_unchanged_stops_the_import_naming_table_row_and_column()
    {
        _original.Execute("UPDATE artifacts_evidencelink SET last_validated = '2024-13-45 99:00:00' WHERE id = 3");
        var target = await CreateAsync();
        var tables = OriginalSchema.Tables.Keys.Where(t => t != "django_migrations").ToList();
        var fresh = await TotalRowsAsync(target, tables);

        var result = await ImportAsync(Options(target));

        Assert.Equal(ImportOutcome.InvalidSource, result.Outcome);
        Assert.StartsWith("artifacts_evidencelink row 3, column last_validated:", result.Messages[0], StringComparison.Ordinal);
        Assert.Equal(fresh, await TotalRowsAsync(target, tables));
    }

    [Fact]
    public async Task Orphan_rows_in_the_source_are_reported_before_anything_is_written()
    {
        _original.Execute("DELETE FROM generation_jobdescription");
        var target = await CreateAsync();

        var result = await ImportAsync(Options(target));

        Assert.Equal(ImportOutcome.InvalidSource, result.Outcome);
        Assert.Contains("1 rows of generation_generateddocument.job_description_id reference generation_jobdescription rows that do not exist", result.Messages);
    }

    static async Task<int[]> ArtifactJobsAsync(string target)
    {
        await using var dataSource = TargetDatabase.CreateDataSource(target);
        await using var command = dataSource.CreateCommand("SELECT artifact_id FROM embedding_jobs WHERE kind = 'reembed' AND status = 'pending' ORDER BY artifact_id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return [.. ids];
    }

    static async Task<string[]> TemplateNamesAsync(string target, string table)
    {
        await using var dataSource = TargetDatabase.CreateDataSource(target);
        await using var command = dataSource.CreateCommand($"SELECT name FROM {table} ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    static async Task<T> SqliteScalarAsync<T>(SqliteConnection file, string sql)
    {
        await using var command = file.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => _original.Dispose();
}
