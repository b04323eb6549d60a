using System.Globalization;
using System.Text;
using CvTailor.SqliteTransfer.Schema;
using Microsoft.Data.Sqlite;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// An original CV Tailor SQLite file built by the test from the §1.4/§1.5 DDL, with rows in every table and the awkward
/// values the importer must carry exactly (see each row's comment), plus a media directory.
/// </summary>
public sealed class OriginalDatabaseFixture : IDisposable
{
    public const string ProcessingJobId = "87feb744cdfb45b48ba29f0c9135295e";
    public const string GoogleOnlyPassword = "!Zq0u7mWbV1xYk2s9TfPqR4nL8cJ3hGdE5aB6oNi";
    public const string DjangoHash = "pbkdf2_sha256$600000$fT3kQm9sLx2Vb7Yc$0aG2iX5yJpT8wQeR1sD4fHkL7zC3vB6nM9uA2oE5rK0=";
    public const string SqlLookingText = "Robert'); DROP TABLE artifacts_artifact;-- \"quoted\" \\backslash";
    public const string EmojiText = "Ana 🚀 Ünïcödé 日本語";
    public const string EscapedJson = "[\"Python\", \"Caf\\u00e9\", \"\\ud83d\\ude80\", \"tab\\tnew\\nline\"]";
    public const string EnhancedKept = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
    public const string EnhancedWrongLength = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2";
    public const string EnhancedOther = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3";
    public const string ChunkKept = "cccccccccccccccccccccccccccccc01";
    public const string ChunkOfSkippedParent = "cccccccccccccccccccccccccccccc02";
    public const string Chunk3072 = "cccccccccccccccccccccccccccccc03";
    public const string ChunkOther = "cccccccccccccccccccccccccccccc04";
    public const string DocumentId = "0123456789abcdef0123456789abcdef";
    public const string ExportJobId = "fedcba9876543210fedcba9876543210";

    public string Directory { get; }
    public string DatabasePath { get; }
    public string MediaDirectory { get; }

    /// <summary>The vector stored for <see cref="EnhancedKept"/>.content_embedding, as float32.</summary>
    public float[] KeptVector { get; } = MakeVector(1536, 1);

    public static readonly IReadOnlyDictionary<string, byte[]> MediaFiles = new Dictionary<string, byte[]>
    {
        ["profiles/bob.png"] = [0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3],
        ["uploads/cv.pdf"] = Encoding.ASCII.GetBytes("%PDF-1.4 fixture"),
        ["exports/cv_1_über.pdf"] = Encoding.UTF8.GetBytes("%PDF-1.7 export"),
    };

    public OriginalDatabaseFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"cvtailor-migration-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "db.sqlite3");
        MediaDirectory = Path.Combine(Directory, "media");
        foreach (var (path, bytes) in MediaFiles)
        {
            var file = Path.Combine(MediaDirectory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
        }

        Build();
    }

    public string NewStorageRoot() => Path.Combine(Directory, "storage-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs one statement against the fixture file (to corrupt it on purpose in a test).</summary>
    public void Execute(string sql)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Python's <c>str(float)</c> of float32 values, as pgvector-python stored them.</summary>
    public static string VectorText(float[] values) =>
        "[" + string.Join(",", values.Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'))) + "]";

    public static float[] MakeVector(int dimensions, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() - 0.5) * 0.1)).ToArray();
    }

    SqliteConnection Open()
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, ForeignKeys = false }.ConnectionString);
        db.Open();
        return db;
    }

    void Build()
    {
        using var db = Open();
        using var tx = db.BeginTransaction();
        foreach (var statement in OriginalSchema.Statements())
        {
            Run(db, tx, statement);
        }

        foreach (var (app, name) in OriginalSchema.Migrations)
        {
            Insert(db, tx, "django_migrations", ("app", app), ("name", name), ("applied", "2025-01-10 09:00:00.250000"));
        }

        Insert(db, tx, "django_content_type", ("id", 1L), ("app_label", "accounts"), ("model", "user"));
        Insert(db, tx, "django_content_type", ("id", 2L), ("app_label", "artifacts"), ("model", "artifact"));
        Insert(db, tx, "auth_permission", ("id", 1L), ("content_type_id", 1L), ("codename", "add_user"), ("name", "Can add user"));
        Insert(db, tx, "auth_permission", ("id", 2L), ("content_type_id", 2L), ("codename", "view_artifact"), ("name", "Can view artifact"));
        Insert(db, tx, "auth_group", ("id", 1L), ("name", "editors"));
        Insert(db, tx, "auth_group_permissions", ("id", 1L), ("group_id", 1L), ("permission_id", 2L));

        // 1: password hash verbatim, emoji, SQL-looking text, '' vs NULL, datetimes with and without fractions.
        User(db, tx, 1, DjangoHash, "ana@example.org", EmojiText, SqlLookingText, profileImage: null,
            lastLogin: null, created: "2024-01-02 03:04:05.123456", updated: "2024-01-02 03:04:05.000001", joined: "2024-01-02 03:04:05");
        // 2: a Google-only user (unusable password), with a profile image on disk.
        User(db, tx, 2, GoogleOnlyPassword, "bob@gmail.com", "Bob", "", profileImage: "profiles/bob.png",
            lastLogin: "2024-02-03 04:05:06.500000", created: "2024-02-01 00:00:00", updated: "2024-02-01 00:00:00", joined: "2024-02-01 00:00:00");
        // 5: ids 3 and 4 were deleted; sqlite_sequence remembers 9.
        User(db, tx, 5, DjangoHash.Replace("600000", "870000", StringComparison.Ordinal), "eve@example.org", "Eve", "O'Neil", profileImage: "",
            lastLogin: "2024-03-01 12:00:00", created: "2024-03-01 12:00:00", updated: "2024-03-02 12:00:00.999999", joined: "2024-03-01 12:00:00");
        Insert(db, tx, "accounts_user_groups", ("id", 1L), ("user_id", 1L), ("group_id", 1L));
        Insert(db, tx, "accounts_user_user_permissions", ("id", 1L), ("user_id", 1L), ("permission_id", 1L));

        Artifact(db, tx, 10, 1, "Café ☕ — \"quoted\" 'single'", SqlLookingText, EscapedJson,
            "{\"b\": 1, \"a\": {\"nested\": [1.5, 2e-05, 1e+16, null, true]}, \"quote\": \"it's \\\"x\\\"\", \"emoji\": \"\\ud83d\\ude00\"}", "2023-05-01", null);
        Artifact(db, tx, 11, 2, "No description", "", "[]", "{}", null, null);
        Artifact(db, tx, 12, 5, "Never embedded", "plain", "[]", "{}", "2022-01-01", "2022-12-31");
        Artifact(db, tx, 13, 1, "Embedded fine", "plain", "[\"Go\"]", "{}", null, null);

        Insert(db, tx, "artifacts_evidencelink", ("id", 1L), ("url", "/media/uploads/cv.pdf"), ("link_type", "document"), ("description", ""),
            ("file_path", "uploads/cv.pdf"), ("file_size", 1234L), ("mime_type", "application/pdf"), ("validation_metadata", "{}"), ("last_validated", null),
            ("is_accessible", 1L), ("created_at", "2024-01-03 00:00:00"), ("updated_at", "2024-01-03 00:00:00.5"), ("artifact_id", 10L));
        Insert(db, tx, "artifacts_evidencelink", ("id", 3L), ("url", "https://github.com/ana/x"), ("link_type", "paper"), ("description", "SELECT * FROM users; --"),
            ("file_path", ""), ("file_size", null), ("mime_type", ""), ("validation_metadata", "{\"status_code\": 200, \"headers\": {\"Content-Type\": \"text/html\"}}"),
            ("last_validated", "2024-01-04 10:00:00.000100"), ("is_accessible", 0L), ("created_at", "2024-01-03 00:00:00"), ("updated_at", "2024-01-03 00:00:00"), ("artifact_id", 10L));
        Insert(db, tx, "artifacts_artifactprocessingjob", ("id", ProcessingJobId), ("status", "completed"), ("progress_percentage", 100L), ("error_message", ""),
            ("metadata_extracted", "{\"pages\": 3}"), ("evidence_validation_results", "{\"12\": {\"status\": \"success\", \"status_code\": 200, \"accessible\": true}}"),
            ("created_at", "2024-01-03 00:00:00"), ("completed_at", null), ("artifact_id", 10L));
        Insert(db, tx, "artifacts_uploadedfile", ("id", "11111111111111111111111111111111"), ("file", "uploads/cv.pdf"), ("original_filename", "CV (final) ñ.pdf"),
            ("file_size", 16L), ("mime_type", "application/pdf"), ("is_processed", 0L), ("processing_error", ""), ("created_at", "2024-01-03 00:00:00"), ("user_id", 1L));

        Insert(db, tx, "generation_jobdescription", ("id", 1L), ("content_hash", new string('d', 64)), ("raw_content", "We need C# — and \"PostgreSQL\"."),
            ("parsed_data", "{\"role_title\": \"Engineer\", \"confidence_score\": 0.85}"), ("company_name", ""), ("role_title", "Engineer"), ("parsing_confidence", 0.85), ("created_at", "2024-01-05 00:00:00"));
        Insert(db, tx, "generation_cvtemplate", ("id", 1L), ("name", "Modern"), ("category", "modern"), ("description", "d"), ("preview_image_url", ""),
            ("template_config", "{}"), ("prompt_template", "p"), ("is_premium", 0L), ("is_active", 1L), ("created_at", "2024-01-01 00:00:00"));
        Insert(db, tx, "generation_skillstaxonomy", ("id", 1L), ("skill_name", "C#"), ("category", "programming"), ("aliases", "[\"csharp\", \"c sharp\"]"),
            ("related_skills", "[]"), ("popularity_score", 7L), ("is_active", 1L));
        Insert(db, tx, "export_exporttemplate", ("id", 1L), ("name", "Classic"), ("category", "classic"), ("description", ""), ("preview_image_url", ""),
            ("template_config", "{}"), ("css_styles", ""), ("is_premium", 1L), ("is_active", 0L), ("created_at", "2024-01-01 00:00:00"));
        Insert(db, tx, "generation_generateddocument", ("id", DocumentId), ("document_type", "cv"), ("job_description_hash", new string('d', 64)),
            ("label_ids", "[10, 11]"), ("template_id", 1L), ("custom_sections", "{}"), ("generation_preferences", "{\"tone\": \"professional\", \"length\": \"detailed\"}"),
            ("content", "{\"summary\": \"Built things \\u2014 fast\"}"), ("metadata", "{}"), ("status", "completed"), ("progress_percentage", 100L), ("error_message", ""),
            ("artifacts_used", "[10, 13]"), ("model_version", "gpt-4o-mini"), ("generation_time_ms", 1234L), ("user_rating", null), ("user_feedback", ""),
            ("created_at", "2024-01-06 00:00:00"), ("completed_at", "2024-01-06 00:00:01.250000"), ("expires_at", "2024-04-05 00:00:00"), ("job_description_id", 1L), ("user_id", 1L));
        Insert(db, tx, "generation_generationfeedback", ("id", 1L), ("feedback_type", "rating"), ("feedback_data", "{\"rating\": 8, \"feedback\": \"\"}"),
            ("created_at", "2024-01-07 00:00:00"), ("generation_id", DocumentId));
        Insert(db, tx, "export_exportjob", ("id", ExportJobId), ("format", "pdf"), ("export_options", "{\"options\": {}, \"sections\": {}, \"watermark\": null}"),
            ("status", "completed"), ("progress_percentage", 100L), ("error_message", ""), ("file_path", "exports/cv_1_über.pdf"), ("file_size", 15L), ("download_count", 2L),
            ("created_at", "2024-01-08 00:00:00"), ("completed_at", "2024-01-08 00:00:02"), ("expires_at", null), ("generated_document_id", DocumentId), ("template_id", 1L), ("user_id", 1L));
        Insert(db, tx, "export_exportanalytics", ("id", 1L), ("event_type", "downloaded"), ("metadata", "{}"), ("user_agent", "Mozilla/5.0"), ("ip_address", "192.168.1.10"), ("created_at", "2024-01-08 00:00:03"), ("export_job_id", ExportJobId));
        Insert(db, tx, "export_exportanalytics", ("id", 2L), ("event_type", "shared"), ("metadata", "{}"), ("user_agent", ""), ("ip_address", "2001:db8::1"), ("created_at", "2024-01-08 00:00:04"), ("export_job_id", ExportJobId));
        Insert(db, tx, "export_exportanalytics", ("id", 4L), ("event_type", "created"), ("metadata", "{}"), ("user_agent", ""), ("ip_address", null), ("created_at", "2024-01-08 00:00:05"), ("export_job_id", ExportJobId));

        // Decimals as SQLite stores them: INTEGER when integral, REAL otherwise; the importer quantizes to the column scale.
        Insert(db, tx, "model_performance_metrics", ("id", "22222222222222222222222222222222"), ("model_name", "gpt-4o-mini"), ("task_type", "cv_generation"),
            ("processing_time_ms", 900L), ("tokens_used", 1200L), ("cost_usd", 0L), ("quality_score", 0.85), ("success", 1L), ("complexity_score", null),
            ("selection_strategy", "balanced"), ("fallback_used", 0L), ("metadata", "{}"), ("created_at", "2024-01-09 00:00:00"), ("user_id", 1L));
        Insert(db, tx, "model_performance_metrics", ("id", "33333333333333333333333333333333"), ("model_name", "claude"), ("task_type", "job_parsing"),
            ("processing_time_ms", 10L), ("tokens_used", 0L), ("cost_usd", 0.0001234), ("quality_score", 1L), ("success", 0L), ("complexity_score", 0.125),
            ("selection_strategy", "balanced"), ("fallback_used", 1L), ("metadata", "{\"error\": \"timeout\"}"), ("created_at", "2024-01-09 00:00:00.000001"), ("user_id", null));
        Insert(db, tx, "model_cost_tracking", ("id", 1L), ("date", "2024-03-01"), ("model_name", "gpt-4o-mini"), ("total_cost_usd", 3L), ("generation_count", 3L),
            ("avg_cost_per_generation", 0.083333), ("total_tokens_used", 5_000_000_000L), ("avg_tokens_per_generation", 1300L), ("user_id", 1L));
        Insert(db, tx, "circuit_breaker_states", ("model_name", "gpt-4o"), ("failure_count", 0L), ("last_failure", null), ("state", "closed"),
            ("failure_threshold", 5L), ("timeout_duration", 30L), ("created_at", "2024-01-01 00:00:00"), ("updated_at", "2024-01-01 00:00:00"));
        Insert(db, tx, "circuit_breaker_states", ("model_name", "claude-3-ü"), ("failure_count", 3L), ("last_failure", "2024-01-02 00:00:00.1"), ("state", "half_open"),
            ("failure_threshold", 5L), ("timeout_duration", 30L), ("created_at", "2024-01-01 00:00:00"), ("updated_at", "2024-01-02 00:00:00"));

        // Vectors: 1536 kept; a 3-element summary skips its enhanced artifact (and that row's chunk); a 3072-d chunk is skipped.
        Enhanced(db, tx, EnhancedKept, 10, VectorText(KeptVector), VectorText(MakeVector(1536, 2)));
        Enhanced(db, tx, EnhancedWrongLength, 11, VectorText(MakeVector(1536, 3)), "[0.1,0.2,0.3]");
        Enhanced(db, tx, EnhancedOther, 13, VectorText(MakeVector(1536, 4)), VectorText(MakeVector(1536, 5)));
        Chunk(db, tx, ChunkKept, 0, EnhancedKept, VectorText(MakeVector(1536, 6)));
        Chunk(db, tx, ChunkOfSkippedParent, 0, EnhancedWrongLength, VectorText(MakeVector(1536, 7)));
        Chunk(db, tx, Chunk3072, 1, EnhancedKept, VectorText(MakeVector(3072, 8)));
        Chunk(db, tx, ChunkOther, 0, EnhancedOther, VectorText(MakeVector(1536, 9)));
        Insert(db, tx, "job_embeddings", ("id", "44444444444444444444444444444444"), ("job_description_hash", new string('e', 64)), ("company_name", ""), ("role_title", ""),
            ("embedding_vector", VectorText(MakeVector(1536, 10))), ("model_used", "text-embedding-3-small"), ("dimensions", 1536L), ("tokens_used", 10L),
            ("cost_usd", 0.00001), ("access_count", 1L), ("last_accessed", "2024-01-10 00:00:00"), ("created_at", "2024-01-10 00:00:00"), ("user_id", 1L));

        Insert(db, tx, "django_admin_log", ("id", 1L), ("action_time", "2024-01-11 00:00:00"), ("object_id", "10"), ("object_repr", "Café"), ("change_message", "[{\"changed\": {}}]"),
            ("content_type_id", 2L), ("user_id", 1L), ("action_flag", 2L));
        Insert(db, tx, "django_session", ("session_key", "k3y"), ("session_data", ".eJxVjEEKgzAQRe8"), ("expire_date", "2024-02-01 00:00:00"));
        Insert(db, tx, "token_blacklist_outstandingtoken", ("id", 1L), ("token", "eyJhbGciOiJIUzI1NiJ9.a.b"), ("created_at", "2024-01-12 00:00:00"), ("expires_at", "2024-01-13 00:00:00"), ("user_id", 1L), ("jti", new string('f', 32)));
        Insert(db, tx, "token_blacklist_outstandingtoken", ("id", 2L), ("token", "eyJ.c.d"), ("created_at", null), ("expires_at", "2024-01-13 00:00:00"), ("user_id", null), ("jti", new string('0', 32)));
        Insert(db, tx, "token_blacklist_blacklistedtoken", ("id", 1L), ("blacklisted_at", "2024-01-12 01:00:00"), ("token_id", 1L));
        Insert(db, tx, "account_emailaddress", ("id", 1L), ("verified", 1L), ("primary", 1L), ("user_id", 2L), ("email", "bob@gmail.com"));
        Insert(db, tx, "account_emailconfirmation", ("id", 1L), ("created", "2024-02-01 00:00:00"), ("sent", null), ("key", "abc"), ("email_address_id", 1L));
        Insert(db, tx, "socialaccount_socialapp", ("id", 1L), ("provider", "google"), ("name", "Google"), ("client_id", "cid.apps.example"), ("secret", ""), ("key", ""), ("provider_id", ""), ("settings", "{}"));
        Insert(db, tx, "socialaccount_socialaccount", ("id", 1L), ("provider", "google"), ("uid", "102104924852668399744"), ("last_login", "2024-02-03 04:05:06.500000"),
            ("date_joined", "2024-02-01 00:00:00"), ("user_id", 2L), ("extra_data", "{\"email\": \"bob@gmail.com\", \"email_verified\": true, \"name\": \"Bob \\u201cB\\u201d\"}"));
        Insert(db, tx, "socialaccount_socialtoken", ("id", 1L), ("token", "t"), ("token_secret", ""), ("expires_at", null), ("account_id", 1L), ("app_id", 1L));

        Run(db, tx, "UPDATE sqlite_sequence SET seq = 9 WHERE name = 'accounts_user'");
        Run(db, tx, "UPDATE sqlite_sequence SET seq = 20 WHERE name = 'artifacts_artifact'");
        tx.Commit();
    }

    static void User(SqliteConnection db, SqliteTransaction tx, long id, string password, string email, string first, string last,
        string? profileImage, string? lastLogin, string created, string updated, string joined) =>
        Insert(db, tx, "accounts_user", ("id", id), ("password", password), ("last_login", lastLogin), ("is_superuser", id == 1 ? 1L : 0L), ("username", email),
            ("first_name", first), ("last_name", last), ("is_staff", id == 1 ? 1L : 0L), ("is_active", 1L), ("date_joined", joined), ("email", email),
            ("profile_image", profileImage), ("phone", ""), ("linkedin_url", ""), ("github_url", id == 1 ? "https://github.com/ana" : ""), ("website_url", ""),
            ("bio", id == 1 ? "" : "Line 1\nLine 2\ttabbed"), ("location", id == 1 ? "Zürich" : ""), ("preferred_cv_template", 1L), ("email_notifications", id == 2 ? 0L : 1L),
            ("created_at", created), ("updated_at", updated));

    static void Artifact(SqliteConnection db, SqliteTransaction tx, long id, long user, string title, string description, string technologies, string metadata, string? start, string? end) =>
        Insert(db, tx, "artifacts_artifact", ("id", id), ("title", title), ("description", description), ("artifact_type", "project"), ("start_date", start), ("end_date", end),
            ("technologies", technologies), ("collaborators", "[]"), ("extracted_metadata", metadata), ("created_at", "2024-01-03 00:00:00.000500"), ("updated_at", "2024-01-03 00:00:01"), ("user_id", user));

    static void Enhanced(SqliteConnection db, SqliteTransaction tx, string id, long artifact, string content, string summary) =>
        Insert(db, tx, "enhanced_artifacts", ("id", id), ("original_artifact_id", artifact), ("title", ""), ("content_type", ""), ("raw_content", "raw"), ("processed_content", "{}"),
            ("content_embedding", content), ("summary_embedding", summary), ("embedding_model", "text-embedding-3-small"), ("embedding_dimensions", 1536L), ("embedding_cost_usd", 0.00002),
            ("langchain_version", "0.2.0"), ("processing_strategy", "adaptive"), ("total_chunks", 1L), ("processing_time_ms", 5L), ("llm_model_used", ""),
            ("created_at", "2024-01-03 00:00:00"), ("updated_at", "2024-01-03 00:00:00"), ("last_embedding_update", null), ("user_id", 1L));

    static void Chunk(SqliteConnection db, SqliteTransaction tx, string id, long index, string parent, string vector) =>
        Insert(db, tx, "artifact_chunks", ("id", id), ("chunk_index", index), ("content", "chunk"), ("metadata", "{}"), ("embedding_vector", vector), ("content_hash", new string('a', 64)),
            ("model_used", "text-embedding-3-small"), ("tokens_used", 3L), ("processing_cost_usd", 0L), ("created_at", "2024-01-03 00:00:00"), ("artifact_id", parent));

    static void Insert(SqliteConnection db, SqliteTransaction tx, string table, params (string Column, object? Value)[] values)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Column}\""))}) VALUES ({string.Join(", ", values.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, values[i].Value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    static void Run(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp directory; best effort.
        }
    }
}
