namespace CvTailor.SqliteTransfer.Schema;

/// <summary>
/// The original app's SQLite schema: the project tables exactly as the contract's §1.4 gives them (what
/// <c>manage.py migrate</c> produced), and the framework tables of §1.5 (Django contrib, simplejwt's token blacklist,
/// allauth without the sites framework) in the final form of those apps' migration histories on SQLite. The export
/// writes this; the tests build their fixtures from it.
/// </summary>
public static class OriginalSchema
{
    /// <summary>§1.4, verbatim: project tables and <c>django_admin_log</c>, then their indexes.</summary>
    public const string ProjectDdl = """
CREATE TABLE "accounts_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "email" varchar(254) NOT NULL UNIQUE, "profile_image" varchar(100) NULL, "phone" varchar(20) NOT NULL, "linkedin_url" varchar(200) NOT NULL, "github_url" varchar(200) NOT NULL, "website_url" varchar(200) NOT NULL, "bio" text NOT NULL, "location" varchar(100) NOT NULL, "preferred_cv_template" integer NOT NULL, "email_notifications" bool NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL);
CREATE TABLE "accounts_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "accounts_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "artifact_chunks" ("id" char(32) NOT NULL PRIMARY KEY, "chunk_index" integer NOT NULL, "content" text NOT NULL, "metadata" text NOT NULL CHECK ((JSON_VALID("metadata") OR "metadata" IS NULL)), "embedding_vector" vector(1536) NOT NULL, "content_hash" varchar(64) NOT NULL, "model_used" varchar(50) NOT NULL, "tokens_used" integer NOT NULL, "processing_cost_usd" decimal NOT NULL, "created_at" datetime NOT NULL, "artifact_id" char(32) NOT NULL REFERENCES "enhanced_artifacts" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "artifacts_artifact" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "description" text NOT NULL, "artifact_type" varchar(20) NOT NULL, "start_date" date NULL, "end_date" date NULL, "technologies" text NOT NULL CHECK ((JSON_VALID("technologies") OR "technologies" IS NULL)), "collaborators" text NOT NULL CHECK ((JSON_VALID("collaborators") OR "collaborators" IS NULL)), "extracted_metadata" text NOT NULL CHECK ((JSON_VALID("extracted_metadata") OR "extracted_metadata" IS NULL)), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "artifacts_artifactprocessingjob" ("id" char(32) NOT NULL PRIMARY KEY, "status" varchar(20) NOT NULL, "progress_percentage" integer NOT NULL, "error_message" text NOT NULL, "metadata_extracted" text NOT NULL CHECK ((JSON_VALID("metadata_extracted") OR "metadata_extracted" IS NULL)), "evidence_validation_results" text NOT NULL CHECK ((JSON_VALID("evidence_validation_results") OR "evidence_validation_results" IS NULL)), "created_at" datetime NOT NULL, "completed_at" datetime NULL, "artifact_id" integer NOT NULL REFERENCES "artifacts_artifact" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "artifacts_evidencelink" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "url" varchar(200) NOT NULL, "link_type" varchar(20) NOT NULL, "description" varchar(255) NOT NULL, "file_path" text NOT NULL, "file_size" integer NULL, "mime_type" varchar(100) NOT NULL, "validation_metadata" text NOT NULL CHECK ((JSON_VALID("validation_metadata") OR "validation_metadata" IS NULL)), "last_validated" datetime NULL, "is_accessible" bool NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "artifact_id" integer NOT NULL REFERENCES "artifacts_artifact" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "artifacts_uploadedfile" ("id" char(32) NOT NULL PRIMARY KEY, "file" varchar(100) NOT NULL, "original_filename" varchar(255) NOT NULL, "file_size" integer NOT NULL, "mime_type" varchar(100) NOT NULL, "is_processed" bool NOT NULL, "processing_error" text NOT NULL, "created_at" datetime NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "circuit_breaker_states" ("model_name" varchar(100) NOT NULL PRIMARY KEY, "failure_count" integer NOT NULL, "last_failure" datetime NULL, "state" varchar(20) NOT NULL, "failure_threshold" integer NOT NULL, "timeout_duration" integer NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL);
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "action_time" datetime NOT NULL, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0));
CREATE TABLE "enhanced_artifacts" ("id" char(32) NOT NULL PRIMARY KEY, "original_artifact_id" integer NULL, "title" varchar(200) NOT NULL, "content_type" varchar(50) NOT NULL, "raw_content" text NOT NULL, "processed_content" text NOT NULL CHECK ((JSON_VALID("processed_content") OR "processed_content" IS NULL)), "content_embedding" vector(1536) NOT NULL, "summary_embedding" vector(1536) NOT NULL, "embedding_model" varchar(50) NOT NULL, "embedding_dimensions" integer NOT NULL, "embedding_cost_usd" decimal NOT NULL, "langchain_version" varchar(20) NOT NULL, "processing_strategy" varchar(50) NOT NULL, "total_chunks" integer NOT NULL, "processing_time_ms" integer NOT NULL, "llm_model_used" varchar(100) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "last_embedding_update" datetime NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "export_exportanalytics" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "event_type" varchar(50) NOT NULL, "metadata" text NOT NULL CHECK ((JSON_VALID("metadata") OR "metadata" IS NULL)), "user_agent" text NOT NULL, "ip_address" char(39) NULL, "created_at" datetime NOT NULL, "export_job_id" char(32) NOT NULL REFERENCES "export_exportjob" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "export_exportjob" ("id" char(32) NOT NULL PRIMARY KEY, "format" varchar(10) NOT NULL, "export_options" text NOT NULL CHECK ((JSON_VALID("export_options") OR "export_options" IS NULL)), "status" varchar(20) NOT NULL, "progress_percentage" integer NOT NULL, "error_message" text NOT NULL, "file_path" text NOT NULL, "file_size" integer NULL, "download_count" integer NOT NULL, "created_at" datetime NOT NULL, "completed_at" datetime NULL, "expires_at" datetime NULL, "generated_document_id" char(32) NOT NULL REFERENCES "generation_generateddocument" ("id") DEFERRABLE INITIALLY DEFERRED, "template_id" integer NULL REFERENCES "export_exporttemplate" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "export_exporttemplate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "category" varchar(50) NOT NULL, "description" text NOT NULL, "preview_image_url" varchar(200) NOT NULL, "template_config" text NOT NULL CHECK ((JSON_VALID("template_config") OR "template_config" IS NULL)), "css_styles" text NOT NULL, "is_premium" bool NOT NULL, "is_active" bool NOT NULL, "created_at" datetime NOT NULL);
CREATE TABLE "generation_cvtemplate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "category" varchar(50) NOT NULL, "description" text NOT NULL, "preview_image_url" varchar(200) NOT NULL, "template_config" text NOT NULL CHECK ((JSON_VALID("template_config") OR "template_config" IS NULL)), "prompt_template" text NOT NULL, "is_premium" bool NOT NULL, "is_active" bool NOT NULL, "created_at" datetime NOT NULL);
CREATE TABLE "generation_generateddocument" ("id" char(32) NOT NULL PRIMARY KEY, "document_type" varchar(20) NOT NULL, "job_description_hash" varchar(64) NOT NULL, "label_ids" text NOT NULL CHECK ((JSON_VALID("label_ids") OR "label_ids" IS NULL)), "template_id" integer NOT NULL, "custom_sections" text NOT NULL CHECK ((JSON_VALID("custom_sections") OR "custom_sections" IS NULL)), "generation_preferences" text NOT NULL CHECK ((JSON_VALID("generation_preferences") OR "generation_preferences" IS NULL)), "content" text NOT NULL CHECK ((JSON_VALID("content") OR "content" IS NULL)), "metadata" text NOT NULL CHECK ((JSON_VALID("metadata") OR "metadata" IS NULL)), "status" varchar(20) NOT NULL, "progress_percentage" integer NOT NULL, "error_message" text NOT NULL, "artifacts_used" text NOT NULL CHECK ((JSON_VALID("artifacts_used") OR "artifacts_used" IS NULL)), "model_version" varchar(50) NOT NULL, "generation_time_ms" integer NULL, "user_rating" integer NULL, "user_feedback" text NOT NULL, "created_at" datetime NOT NULL, "completed_at" datetime NULL, "expires_at" datetime NULL, "job_description_id" integer NULL REFERENCES "generation_jobdescription" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "generation_generationfeedback" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "feedback_type" varchar(50) NOT NULL, "feedback_data" text NOT NULL CHECK ((JSON_VALID("feedback_data") OR "feedback_data" IS NULL)), "created_at" datetime NOT NULL, "generation_id" char(32) NOT NULL REFERENCES "generation_generateddocument" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "generation_jobdescription" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_hash" varchar(64) NOT NULL UNIQUE, "raw_content" text NOT NULL, "parsed_data" text NOT NULL CHECK ((JSON_VALID("parsed_data") OR "parsed_data" IS NULL)), "company_name" varchar(255) NOT NULL, "role_title" varchar(255) NOT NULL, "parsing_confidence" real NOT NULL, "created_at" datetime NOT NULL);
CREATE TABLE "generation_skillstaxonomy" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "skill_name" varchar(100) NOT NULL UNIQUE, "category" varchar(50) NOT NULL, "aliases" text NOT NULL CHECK ((JSON_VALID("aliases") OR "aliases" IS NULL)), "related_skills" text NOT NULL CHECK ((JSON_VALID("related_skills") OR "related_skills" IS NULL)), "popularity_score" integer NOT NULL, "is_active" bool NOT NULL);
CREATE TABLE "job_embeddings" ("id" char(32) NOT NULL PRIMARY KEY, "job_description_hash" varchar(64) NOT NULL UNIQUE, "company_name" varchar(200) NOT NULL, "role_title" varchar(200) NOT NULL, "embedding_vector" vector(1536) NOT NULL, "model_used" varchar(50) NOT NULL, "dimensions" integer NOT NULL, "tokens_used" integer NOT NULL, "cost_usd" decimal NOT NULL, "access_count" integer NOT NULL, "last_accessed" datetime NOT NULL, "created_at" datetime NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "model_cost_tracking" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "model_name" varchar(100) NOT NULL, "total_cost_usd" decimal NOT NULL, "generation_count" integer NOT NULL, "avg_cost_per_generation" decimal NOT NULL, "total_tokens_used" bigint NOT NULL, "avg_tokens_per_generation" integer NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "model_performance_metrics" ("id" char(32) NOT NULL PRIMARY KEY, "model_name" varchar(100) NOT NULL, "task_type" varchar(50) NOT NULL, "processing_time_ms" integer NOT NULL, "tokens_used" integer NOT NULL, "cost_usd" decimal NOT NULL, "quality_score" decimal NULL, "success" bool NOT NULL, "complexity_score" decimal NULL, "selection_strategy" varchar(50) NOT NULL, "fallback_used" bool NOT NULL, "metadata" text NOT NULL CHECK ((JSON_VALID("metadata") OR "metadata" IS NULL)), "created_at" datetime NOT NULL, "user_id" bigint NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);

CREATE INDEX "accounts_user_groups_group_id_bd11a704" ON "accounts_user_groups" ("group_id");
CREATE INDEX "accounts_user_groups_user_id_52b62117" ON "accounts_user_groups" ("user_id");
CREATE UNIQUE INDEX "accounts_user_groups_user_id_group_id_59c0b32f_uniq" ON "accounts_user_groups" ("user_id", "group_id");
CREATE INDEX "accounts_user_user_permissions_permission_id_113bb443" ON "accounts_user_user_permissions" ("permission_id");
CREATE INDEX "accounts_user_user_permissions_user_id_e4f0a161" ON "accounts_user_user_permissions" ("user_id");
CREATE UNIQUE INDEX "accounts_user_user_permissions_user_id_permission_id_2ab516c2_uniq" ON "accounts_user_user_permissions" ("user_id", "permission_id");
CREATE INDEX "artifact_ch_artifac_db15f8_idx" ON "artifact_chunks" ("artifact_id", "chunk_index");
CREATE INDEX "artifact_ch_content_503ced_idx" ON "artifact_chunks" ("content_hash");
CREATE INDEX "artifact_chunks_artifact_id_c962a27c" ON "artifact_chunks" ("artifact_id");
CREATE UNIQUE INDEX "artifact_chunks_artifact_id_chunk_index_a17873a0_uniq" ON "artifact_chunks" ("artifact_id", "chunk_index");
CREATE INDEX "artifacts_artifact_user_id_e81fa9dc" ON "artifacts_artifact" ("user_id");
CREATE INDEX "artifacts_artifactprocessingjob_artifact_id_8791ae7d" ON "artifacts_artifactprocessingjob" ("artifact_id");
CREATE INDEX "artifacts_evidencelink_artifact_id_54ac49d8" ON "artifacts_evidencelink" ("artifact_id");
CREATE INDEX "artifacts_u_created_7d2779_idx" ON "artifacts_uploadedfile" ("created_at");
CREATE INDEX "artifacts_uploadedfile_user_id_19b02751" ON "artifacts_uploadedfile" ("user_id");
CREATE INDEX "enhanced_ar_created_863a56_idx" ON "enhanced_artifacts" ("created_at");
CREATE INDEX "enhanced_ar_embeddi_f97a78_idx" ON "enhanced_artifacts" ("embedding_model");
CREATE INDEX "enhanced_ar_user_id_08ae58_idx" ON "enhanced_artifacts" ("user_id", "content_type");
CREATE INDEX "enhanced_artifacts_user_id_5ac48d0b" ON "enhanced_artifacts" ("user_id");
CREATE INDEX "export_exportanalytics_export_job_id_137e268e" ON "export_exportanalytics" ("export_job_id");
CREATE INDEX "export_exportjob_generated_document_id_4c1f66ef" ON "export_exportjob" ("generated_document_id");
CREATE INDEX "export_exportjob_template_id_7b04376e" ON "export_exportjob" ("template_id");
CREATE INDEX "export_exportjob_user_id_7674092a" ON "export_exportjob" ("user_id");
CREATE INDEX "generation_generateddocument_job_description_id_20a2f9a2" ON "generation_generateddocument" ("job_description_id");
CREATE INDEX "generation_generateddocument_user_id_f93e4024" ON "generation_generateddocument" ("user_id");
CREATE INDEX "generation_generationfeedback_generation_id_6ca9922e" ON "generation_generationfeedback" ("generation_id");
CREATE INDEX "job_embeddi_created_66dd89_idx" ON "job_embeddings" ("created_at");
CREATE INDEX "job_embeddi_job_des_147ae2_idx" ON "job_embeddings" ("job_description_hash");
CREATE INDEX "job_embeddi_user_id_48c22c_idx" ON "job_embeddings" ("user_id", "last_accessed");
CREATE INDEX "job_embeddings_user_id_48a7c49e" ON "job_embeddings" ("user_id");
CREATE INDEX "model_cost__date_2f65ac_idx" ON "model_cost_tracking" ("date", "model_name");
CREATE INDEX "model_cost__user_id_5d5785_idx" ON "model_cost_tracking" ("user_id", "date");
CREATE INDEX "model_cost_tracking_user_id_481b10c4" ON "model_cost_tracking" ("user_id");
CREATE UNIQUE INDEX "model_cost_tracking_user_id_date_model_name_82ed6f5b_uniq" ON "model_cost_tracking" ("user_id", "date", "model_name");
CREATE INDEX "model_perfo_created_5bd507_idx" ON "model_performance_metrics" ("created_at");
CREATE INDEX "model_perfo_model_n_805f74_idx" ON "model_performance_metrics" ("model_name", "task_type");
CREATE INDEX "model_perfo_success_9c8b87_idx" ON "model_performance_metrics" ("success");
CREATE INDEX "model_performance_metrics_model_name_5b9d3139" ON "model_performance_metrics" ("model_name");
CREATE INDEX "model_performance_metrics_user_id_6757821a" ON "model_performance_metrics" ("user_id");
""";

    /// <summary>§1.5: the framework and third-party tables the same file holds.</summary>
    public const string FrameworkDdl = """
CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE "token_blacklist_outstandingtoken" ("token" text NOT NULL, "created_at" datetime NULL, "expires_at" datetime NOT NULL, "user_id" bigint NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "jti" varchar(255) NOT NULL UNIQUE, "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT);
CREATE TABLE "token_blacklist_blacklistedtoken" ("blacklisted_at" datetime NOT NULL, "token_id" bigint NOT NULL UNIQUE REFERENCES "token_blacklist_outstandingtoken" ("id") DEFERRABLE INITIALLY DEFERRED, "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT);
CREATE TABLE "account_emailaddress" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "verified" bool NOT NULL, "primary" bool NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "email" varchar(254) NOT NULL);
CREATE TABLE "account_emailconfirmation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created" datetime NOT NULL, "sent" datetime NULL, "key" varchar(64) NOT NULL UNIQUE, "email_address_id" integer NOT NULL REFERENCES "account_emailaddress" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "socialaccount_socialapp" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "provider" varchar(30) NOT NULL, "name" varchar(40) NOT NULL, "client_id" varchar(191) NOT NULL, "secret" varchar(191) NOT NULL, "key" varchar(191) NOT NULL, "provider_id" varchar(200) NOT NULL, "settings" text NOT NULL CHECK ((JSON_VALID("settings") OR "settings" IS NULL)));
CREATE TABLE "socialaccount_socialaccount" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "provider" varchar(200) NOT NULL, "uid" varchar(191) NOT NULL, "last_login" datetime NOT NULL, "date_joined" datetime NOT NULL, "user_id" bigint NOT NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED, "extra_data" text NOT NULL CHECK ((JSON_VALID("extra_data") OR "extra_data" IS NULL)));
CREATE TABLE "socialaccount_socialtoken" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "token" text NOT NULL, "token_secret" text NOT NULL, "expires_at" datetime NULL, "account_id" integer NOT NULL REFERENCES "socialaccount_socialaccount" ("id") DEFERRABLE INITIALLY DEFERRED, "app_id" integer NULL REFERENCES "socialaccount_socialapp" ("id") DEFERRABLE INITIALLY DEFERRED);

CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
CREATE INDEX "token_blacklist_outstandingtoken_user_id_83bc629a" ON "token_blacklist_outstandingtoken" ("user_id");
CREATE UNIQUE INDEX "account_emailaddress_user_id_email_987c8728_uniq" ON "account_emailaddress" ("user_id", "email");
CREATE INDEX "account_emailaddress_user_id_2c513194" ON "account_emailaddress" ("user_id");
CREATE INDEX "account_emailaddress_email_03be32b2" ON "account_emailaddress" ("email");
CREATE UNIQUE INDEX "unique_verified_email" ON "account_emailaddress" ("email") WHERE "verified";
CREATE UNIQUE INDEX "unique_primary_email" ON "account_emailaddress" ("user_id", "primary") WHERE "primary";
CREATE INDEX "account_emailconfirmation_email_address_id_5b7f8c58" ON "account_emailconfirmation" ("email_address_id");
CREATE UNIQUE INDEX "socialaccount_socialaccount_provider_uid_fc810c6e_uniq" ON "socialaccount_socialaccount" ("provider", "uid");
CREATE INDEX "socialaccount_socialaccount_user_id_8146e70c" ON "socialaccount_socialaccount" ("user_id");
CREATE UNIQUE INDEX "socialaccount_socialtoken_app_id_account_id_fca4e0ac_uniq" ON "socialaccount_socialtoken" ("app_id", "account_id");
CREATE INDEX "socialaccount_socialtoken_account_id_951f210e" ON "socialaccount_socialtoken" ("account_id");
CREATE INDEX "socialaccount_socialtoken_app_id_636a42d7" ON "socialaccount_socialtoken" ("app_id");
""";

    /// <summary>
    /// <c>django_migrations</c> rows a real <c>migrate</c> run of the original records (contract §1.1), in an order
    /// that respects their dependencies. The export writes them so Django sees a fully migrated database.
    /// </summary>
    public static readonly IReadOnlyList<(string App, string Name)> Migrations =
    [
        ("contenttypes", "0001_initial"),
        ("auth", "0001_initial"),
        ("accounts", "0001_initial"),
        ("account", "0001_initial"),
        ("account", "0002_email_max_length"),
        ("account", "0003_alter_emailaddress_create_unique_verified_email"),
        ("account", "0004_alter_emailaddress_drop_unique_email"),
        ("account", "0005_emailaddress_idx_upper_email"),
        ("account", "0006_emailaddress_lower"),
        ("account", "0007_emailaddress_idx_email"),
        ("account", "0008_emailaddress_unique_primary_email_fixup"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("admin", "0001_initial"),
        ("admin", "0002_logentry_remove_auto_add"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("artifacts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0002_alter_permission_name_max_length"),
        ("auth", "0003_alter_user_email_max_length"),
        ("auth", "0004_alter_user_username_opts"),
        ("auth", "0005_alter_user_last_login_null"),
        ("auth", "0006_require_contenttypes_0002"),
        ("auth", "0007_alter_validators_add_error_messages"),
        ("auth", "0008_alter_user_username_max_length"),
        ("auth", "0009_alter_user_last_name_max_length"),
        ("auth", "0010_alter_group_name_max_length"),
        ("auth", "0011_update_proxy_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("llm_services", "0000_enable_pgvector"),
        ("generation", "0001_initial"),
        ("export", "0001_initial"),
        ("llm_services", "0001_initial"),
        ("llm_services", "0002_rename_artifact_chunk_artifact_idx_artifact_ch_artifac_db15f8_idx_and_more"),
        ("llm_services", "0003_alter_artifactchunk_options_and_more"),
        ("sessions", "0001_initial"),
        ("socialaccount", "0001_initial"),
        ("socialaccount", "0002_token_max_lengths"),
        ("socialaccount", "0003_extra_data_default_dict"),
        ("socialaccount", "0004_app_provider_id_settings"),
        ("socialaccount", "0005_socialtoken_nullable_app"),
        ("socialaccount", "0006_alter_socialaccount_extra_data"),
        ("token_blacklist", "0001_initial"),
        ("token_blacklist", "0002_outstandingtoken_jti_hex"),
        ("token_blacklist", "0003_auto_20171017_2007"),
        ("token_blacklist", "0004_auto_20171017_2013"),
        ("token_blacklist", "0005_remove_outstandingtoken_jti"),
        ("token_blacklist", "0006_auto_20171017_2113"),
        ("token_blacklist", "0007_auto_20171017_2214"),
        ("token_blacklist", "0008_migrate_to_bigautofield"),
        ("token_blacklist", "0010_fix_migrate_to_bigautofield"),
        ("token_blacklist", "0011_linearizes_history"),
        ("token_blacklist", "0012_alter_outstandingtoken_user"),
        ("token_blacklist", "0013_alter_blacklistedtoken_options_and_more"),
    ];

    /// <summary>Every statement, tables before indexes, framework tables first (project tables reference them).</summary>
    public static IEnumerable<string> Statements()
    {
        static IEnumerable<string> Split(string ddl) =>
            ddl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.TrimEnd(';'));

        var all = Split(FrameworkDdl).Concat(Split(ProjectDdl)).ToList();
        return all.Where(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            .Concat(all.Where(s => !s.StartsWith("CREATE TABLE", StringComparison.Ordinal)));
    }

    /// <summary>Table names with their columns in physical order, parsed from the DDL above.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; } = ParseTables();

    static Dictionary<string, IReadOnlyList<string>> ParseTables()
    {
        var tables = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var statement in Statements().Where(s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal)))
        {
            var name = statement.Split('"')[1];
            var body = statement[(statement.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
            var columns = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= body.Length; i++)
            {
                if (i == body.Length || (body[i] == ',' && depth == 0))
                {
                    var part = body[start..i].Trim();
                    if (part.StartsWith('"'))
                    {
                        columns.Add(part.Split('"')[1]);
                    }

                    start = i + 1;
                }
                else if (body[i] == '(')
                {
                    depth++;
                }
                else if (body[i] == ')')
                {
                    depth--;
                }
            }

            tables[name] = columns;
        }

        return tables;
    }
}
