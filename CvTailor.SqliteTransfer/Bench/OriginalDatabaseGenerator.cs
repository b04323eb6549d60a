using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;

namespace CvTailor.SqliteTransfer.Bench;

/// <summary>
/// Writes a synthetic original-format SQLite database of roughly the requested size for the benchmark: mostly artifacts,
/// evidence links and 1536-d vectors (written as Python's <c>str(float)</c> does), every table populated, values in the
/// original's physical forms (§1.2), plus one <c>artifact_chunks</c> row with a 3072-d vector (text-embedding-3-large),
/// which the original's SQLite accepted and a <c>vector(1536)</c> column cannot hold.
/// </summary>
public sealed class OriginalDatabaseGenerator(int sizeMb, int seed = 42)
{
    readonly Random _random = new(seed);
    readonly int _mediaSeed = seed + 1;
    readonly double _scale = sizeMb / 120.0;
    readonly DateTime _start = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    public int Count(int atScale120) => Math.Max(1, (int)(atScale120 * _scale));

    public async Task GenerateAsync(string path, CancellationToken ct)
    {
        File.Delete(path);
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await db.OpenAsync(ct);
        Execute(db, null, "PRAGMA journal_mode = OFF");
        Execute(db, null, "PRAGMA synchronous = OFF");
        using var tx = db.BeginTransaction();
        foreach (var statement in OriginalSchema.Statements())
        {
            Execute(db, tx, statement);
        }

        var users = Count(300);
        var artifacts = Count(25_000);
        var jobDescriptions = Count(2_000);
        var documents = Count(3_000);
        var exports = Count(2_000);
        var enhanced = Count(700);
        var tokens = Count(20_000);

        Insert(db, tx, "django_migrations", ["app", "name", "applied"], OriginalSchema.Migrations.Count,
            i => [OriginalSchema.Migrations[i].App, OriginalSchema.Migrations[i].Name, Time(i)]);
        string[] models = ["logentry", "permission", "group", "user", "contenttype", "session", "artifact", "evidencelink"];
        Insert(db, tx, "django_content_type", ["id", "app_label", "model"], models.Length, i => [i + 1, i < 6 ? "auth" : "artifacts", models[i]]);
        Insert(db, tx, "auth_permission", ["id", "content_type_id", "codename", "name"], models.Length * 4,
            i => [i + 1, (i / 4) + 1, $"{s_actions[i % 4]}_{models[i / 4]}", $"Can {s_actions[i % 4]} {models[i / 4]}"]);
        Insert(db, tx, "auth_group", ["id", "name"], 2, i => [i + 1, i == 0 ? "editors" : "reviewers"]);
        Insert(db, tx, "auth_group_permissions", ["id", "group_id", "permission_id"], 4, i => [i + 1, (i / 2) + 1, i + 1]);
        Insert(db, tx, "accounts_user", ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "is_staff", "is_active", "date_joined", "email", "profile_image", "phone", "linkedin_url", "github_url", "website_url", "bio", "location", "preferred_cv_template", "email_notifications", "created_at", "updated_at"], users,
            i => [i + 1, i % 7 == 0 ? "!" + Token(40) : $"pbkdf2_sha256$600000${Token(22)}${Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
                i % 3 == 0 ? null : Time(i * 11), i == 0 ? 1 : 0, $"user{i}@example.org", First(i), "Müller-Ø", i == 0 ? 1 : 0, 1, Time(i), $"user{i}@example.org",
                i % 5 == 0 ? $"profiles/u{i}.png" : null, "", "", $"https://github.com/u{i}", "", "Engineer; likes \"quotes\" and 'apostrophes' ✨", "Zürich", 1, 1, Time(i), Time(i + 5)]);
        Insert(db, tx, "accounts_user_groups", ["id", "user_id", "group_id"], Math.Min(users, 20), i => [i + 1, i + 1, (i % 2) + 1]);
        Insert(db, tx, "socialaccount_socialapp", ["id", "provider", "name", "client_id", "secret", "key", "provider_id", "settings"], 1, _ => [1, "google", "Google", "client.apps.example", "", "", "", "{}"]);
        Insert(db, tx, "socialaccount_socialaccount", ["id", "provider", "uid", "last_login", "date_joined", "user_id", "extra_data"], users / 7 + 1,
            i => [i + 1, "google", (100000000000000000000m + i).ToString(CultureInfo.InvariantCulture), Time(i), Time(i), (i * 7) + 1, "{\"email\": \"user" + (i * 7) + "@example.org\", \"email_verified\": true, \"name\": \"J\\u00f6rg\"}"]);

        Insert(db, tx, "generation_jobdescription", ["id", "content_hash", "raw_content", "parsed_data", "company_name", "role_title", "parsing_confidence", "created_at"], jobDescriptions,
            i => [i + 1, Sha(i), Sentence(60), "{\"role_title\": \"Engineer\", \"must_have_skills\": [\"C#\", \"PostgreSQL\"], \"processing_metadata\": {\"model\": \"gpt-4o-mini\"}}", "Acme", "Engineer", 0.5 + (i % 50 / 100.0), Time(i)]);
        Insert(db, tx, "generation_cvtemplate", ["id", "name", "category", "description", "preview_image_url", "template_config", "prompt_template", "is_premium", "is_active", "created_at"], 3,
            i => [i + 1, $"Template {i}", "modern", "A template", "", "{}", "Write a CV", 0, 1, Time(i)]);
        Insert(db, tx, "generation_skillstaxonomy", ["id", "skill_name", "category", "aliases", "related_skills", "popularity_score", "is_active"], 200,
            i => [i + 1, $"skill-{i}", "programming", "[\"s" + i + "\"]", "[]", i, 1]);
        Insert(db, tx, "export_exporttemplate", ["id", "name", "category", "description", "preview_image_url", "template_config", "css_styles", "is_premium", "is_active", "created_at"], 2,
            i => [i + 1, $"Export {i}", "classic", "d", "", "{}", "", 0, 1, Time(i)]);
        Insert(db, tx, "circuit_breaker_states", ["model_name", "failure_count", "last_failure", "state", "failure_threshold", "timeout_duration", "created_at", "updated_at"], 5,
            i => [$"model-{i}", i, null, "closed", 5, 30, Time(i), Time(i)]);

        Insert(db, tx, "artifacts_artifact", ["id", "title", "description", "artifact_type", "start_date", "end_date", "technologies", "collaborators", "extracted_metadata", "created_at", "updated_at", "user_id"], artifacts,
            i => [i + 1, $"Project {i}: {Sentence(5)}", Sentence(40), "project", "2024-01-15", i % 2 == 0 ? null : "2024-06-30",
                "[\"Python\", \"Django\", \"PostgreSQL\", \"Caf\\u00e9\"]", "[\"a@example.org\"]", "{\"pages\": " + (i % 9) + ", \"source\": \"upload\"}", Time(i), Time(i + 3), (i % users) + 1]);
        Insert(db, tx, "artifacts_evidencelink", ["id", "url", "link_type", "description", "file_path", "file_size", "mime_type", "validation_metadata", "last_validated", "is_accessible", "created_at", "updated_at", "artifact_id"], Count(60_000),
            i => [i + 1, $"https://github.com/example/repo-{i}", "github", "Source code", "", null, "", "{\"status_code\": 200, \"final_url\": \"https://github.com/example/repo-" + i + "\"}", Time(i), 1, Time(i), Time(i), (i % artifacts) + 1]);
        Insert(db, tx, "artifacts_artifactprocessingjob", ["id", "status", "progress_percentage", "error_message", "metadata_extracted", "evidence_validation_results", "created_at", "completed_at", "artifact_id"], artifacts,
            i => [Uuid(), JobStatus(i, 50, 97, "pending"), JobProgress(i, 50, 97), "", "{}", "{\"" + (i + 1) + "\": {\"status\": \"success\", \"status_code\": 200, \"accessible\": true}}", Time(i), JobDone(i, 50, 97), i + 1]);
        Insert(db, tx, "artifacts_uploadedfile", ["id", "file", "original_filename", "file_size", "mime_type", "is_processed", "processing_error", "created_at", "user_id"], Count(5_000),
            i => [Uuid(), $"uploads/cv_{i}.pdf", $"CV {i}.pdf", 1000 + i, "application/pdf", 0, "", Time(i), (i % users) + 1]);

        var documentIds = Enumerable.Range(0, documents).Select(_ => Uuid()).ToArray();
        Insert(db, tx, "generation_generateddocument", ["id", "document_type", "job_description_hash", "label_ids", "template_id", "custom_sections", "generation_preferences", "content", "metadata", "status", "progress_percentage", "error_message", "artifacts_used", "model_version", "generation_time_ms", "user_rating", "user_feedback", "created_at", "completed_at", "expires_at", "job_description_id", "user_id"], documents,
            i => [documentIds[i], "cv", Sha(i % jobDescriptions), "[1, 2, 3]", 1, "{}", "{\"tone\": \"professional\"}", "{\"summary\": \"" + Sentence(30) + "\"}", "{}", JobStatus(i, 40, 0, "processing"), JobProgress(i, 40, 0), "", "[1, 2]", "gpt-4o-mini", 1200, null, "", Time(i), JobDone(i, 40, 0), Expiry(i, 90), (i % jobDescriptions) + 1, (i % users) + 1]);
        Insert(db, tx, "generation_generationfeedback", ["id", "feedback_type", "feedback_data", "created_at", "generation_id"], Count(2_000),
            i => [i + 1, "rating", "{\"rating\": 8, \"feedback\": \"good\"}", Time(i), documentIds[i % documents]]);
        var exportIds = Enumerable.Range(0, exports).Select(_ => Uuid()).ToArray();
        Insert(db, tx, "export_exportjob", ["id", "format", "export_options", "status", "progress_percentage", "error_message", "file_path", "file_size", "download_count", "created_at", "completed_at", "expires_at", "generated_document_id", "template_id", "user_id"], exports,
            i => [exportIds[i], "pdf", "{\"options\": {}, \"sections\": {}, \"watermark\": null}", JobStatus(i, 60, 0, "processing"), JobProgress(i, 60, 0), "", $"exports/cv_{i}.pdf", ExportFileSize, 1, Time(i), JobDone(i, 60, 0), Expiry(i, 1), documentIds[i % documents], null, (i % users) + 1]);
        Insert(db, tx, "export_exportanalytics", ["id", "event_type", "metadata", "user_agent", "ip_address", "created_at", "export_job_id"], Count(4_000),
            i => [i + 1, "downloaded", "{}", "Mozilla/5.0", i % 2 == 0 ? "192.0.2." + (i % 250) : "2001:db8::" + (i % 999), Time(i), exportIds[i % exports]]);
        Insert(db, tx, "token_blacklist_outstandingtoken", ["id", "token", "created_at", "expires_at", "user_id", "jti"], tokens,
            i => [i + 1, "eyJ" + Token(180), Time(i), Time(i + 7), (i % users) + 1, Token(32)]);
        Insert(db, tx, "token_blacklist_blacklistedtoken", ["id", "blacklisted_at", "token_id"], Count(5_000), i => [i + 1, Time(i), i + 1]);
        Insert(db, tx, "model_performance_metrics", ["id", "model_name", "task_type", "processing_time_ms", "tokens_used", "cost_usd", "quality_score", "success", "complexity_score", "selection_strategy", "fallback_used", "metadata", "created_at", "user_id"], Count(5_000),
            i => [Uuid(), "gpt-4o-mini", "cv_generation", 900 + i, 1200, i % 4 == 0 ? 0L : 0.000123 * (i % 97), i % 3 == 0 ? null : 0.85, 1, 0.4, "balanced", 0, "{}", Time(i), (i % users) + 1]);
        Insert(db, tx, "model_cost_tracking", ["id", "date", "model_name", "total_cost_usd", "generation_count", "avg_cost_per_generation", "total_tokens_used", "avg_tokens_per_generation", "user_id"], Count(2_000),
            i => [i + 1, DateOnly.FromDateTime(_start.AddDays(i / users)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "gpt-4o-mini", 0.25 * (i % 7), 3, 0.083333, 4000L * i, 1300, (i % users) + 1]);

        var enhancedIds = Enumerable.Range(0, enhanced).Select(_ => Uuid()).ToArray();
        Insert(db, tx, "enhanced_artifacts", ["id", "original_artifact_id", "title", "content_type", "raw_content", "processed_content", "content_embedding", "summary_embedding", "embedding_model", "embedding_dimensions", "embedding_cost_usd", "langchain_version", "processing_strategy", "total_chunks", "processing_time_ms", "llm_model_used", "created_at", "updated_at", "last_embedding_update", "user_id"], enhanced,
            i => [enhancedIds[i], i + 1, "", "", Sentence(80), "{}", Vector(1536), Vector(1536), "text-embedding-3-small", 1536, 0.00002, "0.2.0", "adaptive", 1, 300, "", Time(i), Time(i), Time(i), (i % users) + 1]);
        Insert(db, tx, "artifact_chunks", ["id", "chunk_index", "content", "metadata", "embedding_vector", "content_hash", "model_used", "tokens_used", "processing_cost_usd", "created_at", "artifact_id"], Count(700),
            i => [Uuid(), i / enhanced, Sentence(50), "{}", Vector(i == 0 ? 3072 : 1536), Sha(i), i == 0 ? "text-embedding-3-large" : "text-embedding-3-small", 200, 0.000004, Time(i), enhancedIds[i % enhanced]]);
        Insert(db, tx, "job_embeddings", ["id", "job_description_hash", "company_name", "role_title", "embedding_vector", "model_used", "dimensions", "tokens_used", "cost_usd", "access_count", "last_accessed", "created_at", "user_id"], Count(150),
            i => [Uuid(), Sha(1_000_000 + i), "Acme", "Engineer", Vector(1536), "text-embedding-3-small", 1536, 500, 0.00001, 1, Time(i), Time(i), (i % users) + 1]);

        // Deleted rows leave AUTOINCREMENT high-water marks above max(id).
        Execute(db, tx, "UPDATE sqlite_sequence SET seq = seq + 17 WHERE name IN ('accounts_user', 'artifacts_artifact')");
        tx.Commit();
    }

    /// <summary>
    /// Writes the media directory the database refers to: every <c>profiles/u*.png</c>, <c>uploads/cv_*.pdf</c> and
    /// <c>exports/cv_*.pdf</c> path, each file as long as its <c>file_size</c> column says (content from the seed).
    /// </summary>
    /// <returns>The number of files and their total size.</returns>
    public async Task<(int Files, long Bytes)> WriteMediaAsync(string directory, CancellationToken ct)
    {
        var files = new List<(string Path, int Size)>();
        var users = Count(300);
        files.AddRange(Enumerable.Range(0, users).Where(i => i % 5 == 0).Select(i => ($"profiles/u{i}.png", 4_096)));
        files.AddRange(Enumerable.Range(0, Count(5_000)).Select(i => ($"uploads/cv_{i}.pdf", 1000 + i)));
        files.AddRange(Enumerable.Range(0, Count(2_000)).Select(i => ($"exports/cv_{i}.pdf", ExportFileSize)));
        var random = new Random(_mediaSeed);
        long bytes = 0;
        foreach (var (path, size) in files)
        {
            var file = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var content = new byte[size];
            random.NextBytes(content);
            await File.WriteAllBytesAsync(file, content, ct);
            bytes += size;
        }

        return (files.Count, bytes);
    }

    const int ExportFileSize = 20_000;

    /// <summary>Every <paramref name="queuedEvery"/>th job is still queued, every <paramref name="runningEvery"/>th (0: none) was running.</summary>
    static string JobStatus(int i, int queuedEvery, int runningEvery, string queued) =>
        i % queuedEvery == 0 ? queued : runningEvery > 0 && i % runningEvery == 0 ? "processing" : "completed";

    static int JobProgress(int i, int queuedEvery, int runningEvery) =>
        i % queuedEvery == 0 ? 0 : runningEvery > 0 && i % runningEvery == 0 ? 40 : 100;

    string? JobDone(int i, int queuedEvery, int runningEvery) =>
        JobStatus(i, queuedEvery, runningEvery, "q") == "completed" ? Time(i + 1) : null;

    /// <summary>Half the rows expired long ago (the original never ran its clean-up), half expire far in the future.</summary>
    string Expiry(int i, int later) => i % 2 == 0 ? Time(i + later) : "2099-12-31 00:00:00";

    static void Insert(SqliteConnection db, SqliteTransaction tx, string table, string[] columns, int rows, Func<int, object?[]> values)
    {
        if (rows == 0)
        {
            return;
        }

        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO {Sql.Quote(table)} ({Sql.ColumnList(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();
        for (var row = 0; row < rows; row++)
        {
            var v = values(row);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = v[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    static void Execute(SqliteConnection db, SqliteTransaction? tx, string sql)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Django's stored datetime text; every third one has no fraction (microseconds were 0).</summary>
    string Time(int i)
    {
        var t = _start.AddMinutes(i * 7.3);
        t = i % 3 == 0 ? t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond)) : t.AddTicks(-(t.Ticks % 10)).AddTicks(_random.Next(1, 999_999) * 10);
        return Values.DjangoDateTime.Format(t);
    }

    /// <summary>A vector as pgvector-python wrote it: <c>str(float)</c> of each double, comma-separated.</summary>
    string Vector(int dimensions)
    {
        var text = new StringBuilder(dimensions * 22);
        text.Append('[');
        for (var i = 0; i < dimensions; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var value = (double)(float)((_random.NextDouble() - 0.5) * 0.09);
            text.Append(value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'));
        }

        return text.Append(']').ToString();
    }

    string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    static string Sha(int i) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture))));

    string Token(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    static readonly string[] s_actions = ["add", "change", "delete", "view"];
    static readonly string[] s_words = ["built", "a", "PostgreSQL", "pipeline", "that", "ranks", "résumé", "artifacts", "for", "job", "seekers", "with", "99.9%", "uptime", "naïve", "Bayes", "—", "deployed", "on", "Kubernetes"];
    static readonly string[] s_names = ["Ana", "Björn", "Chloé", "Dmitri", "Eun-ji", "Fátima", "Grégoire", "Hiro"];

    string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => s_words[_random.Next(s_words.Length)]));

    static string First(int i) => s_names[i % s_names.Length];
}
