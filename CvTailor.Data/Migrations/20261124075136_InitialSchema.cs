using System;
using System.Net;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Pgvector;

#nullable disable

namespace CvTailor.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:vector", ",,");

            migrationBuilder.CreateTable(
                name: "accounts_user",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    password = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    last_login = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_superuser = table.Column<bool>(type: "boolean", nullable: false),
                    username = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    first_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    last_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    is_staff = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    date_joined = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    profile_image = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    linkedin_url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    github_url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    website_url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bio = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    preferred_cv_template = table.Column<int>(type: "integer", nullable: false),
                    email_notifications = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("accounts_user_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "auth_group",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("auth_group_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "circuit_breaker_states",
                columns: table => new
                {
                    model_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    failure_count = table.Column<int>(type: "integer", nullable: false),
                    last_failure = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    failure_threshold = table.Column<int>(type: "integer", nullable: false),
                    timeout_duration = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("circuit_breaker_states_pkey", x => x.model_name);
                });

            migrationBuilder.CreateTable(
                name: "django_content_type",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    app_label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("django_content_type_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "django_session",
                columns: table => new
                {
                    session_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    session_data = table.Column<string>(type: "text", nullable: false),
                    expire_date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("django_session_pkey", x => x.session_key);
                });

            migrationBuilder.CreateTable(
                name: "embedding_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    artifact_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: false),
                    available_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    locked_by = table.Column<string>(type: "text", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    content_hash = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("embedding_jobs_pkey", x => x.id);
                    table.CheckConstraint("embedding_jobs_kind_check", "kind IN ('artifact_upsert', 'artifact_delete', 'reembed')");
                    table.CheckConstraint("embedding_jobs_status_check", "status IN ('pending', 'running', 'done', 'dead')");
                });

            migrationBuilder.CreateTable(
                name: "export_exporttemplate",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    preview_image_url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template_config = table.Column<string>(type: "jsonb", nullable: false),
                    css_styles = table.Column<string>(type: "text", nullable: false),
                    is_premium = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("export_exporttemplate_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "generation_cvtemplate",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    preview_image_url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template_config = table.Column<string>(type: "jsonb", nullable: false),
                    prompt_template = table.Column<string>(type: "text", nullable: false),
                    is_premium = table.Column<bool>(type: "boolean", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_cvtemplate_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "generation_jobdescription",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    raw_content = table.Column<string>(type: "text", nullable: false),
                    parsed_data = table.Column<string>(type: "jsonb", nullable: false),
                    company_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    role_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    parsing_confidence = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_jobdescription_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "generation_skillstaxonomy",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    skill_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    aliases = table.Column<string>(type: "jsonb", nullable: false),
                    related_skills = table.Column<string>(type: "jsonb", nullable: false),
                    popularity_score = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_skillstaxonomy_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "socialaccount_socialapp",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    client_id = table.Column<string>(type: "character varying(191)", maxLength: 191, nullable: false),
                    secret = table.Column<string>(type: "character varying(191)", maxLength: 191, nullable: false),
                    key = table.Column<string>(type: "character varying(191)", maxLength: 191, nullable: false),
                    provider_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    settings = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("socialaccount_socialapp_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account_emailaddress",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    verified = table.Column<bool>(type: "boolean", nullable: false),
                    primary = table.Column<bool>(type: "boolean", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("account_emailaddress_pkey", x => x.id);
                    table.ForeignKey(
                        name: "account_emailaddress_user_id_2c513194_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifacts_artifact",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    artifact_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    technologies = table.Column<string>(type: "jsonb", nullable: false),
                    collaborators = table.Column<string>(type: "jsonb", nullable: false),
                    extracted_metadata = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("artifacts_artifact_pkey", x => x.id);
                    table.ForeignKey(
                        name: "artifacts_artifact_user_id_e81fa9dc_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifacts_uploadedfile",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    original_filename = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    file_size = table.Column<int>(type: "integer", nullable: false),
                    mime_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_processed = table.Column<bool>(type: "boolean", nullable: false),
                    processing_error = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("artifacts_uploadedfile_pkey", x => x.id);
                    table.ForeignKey(
                        name: "artifacts_uploadedfile_user_id_19b02751_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enhanced_artifacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    original_artifact_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    raw_content = table.Column<string>(type: "text", nullable: false),
                    processed_content = table.Column<string>(type: "jsonb", nullable: false),
                    content_embedding = table.Column<Vector>(type: "vector(1536)", nullable: false),
                    summary_embedding = table.Column<Vector>(type: "vector(1536)", nullable: false),
                    embedding_model = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    embedding_dimensions = table.Column<int>(type: "integer", nullable: false),
                    embedding_cost_usd = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: false),
                    langchain_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    processing_strategy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    total_chunks = table.Column<int>(type: "integer", nullable: false),
                    processing_time_ms = table.Column<int>(type: "integer", nullable: false),
                    llm_model_used = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_embedding_update = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("enhanced_artifacts_pkey", x => x.id);
                    table.ForeignKey(
                        name: "enhanced_artifacts_user_id_5ac48d0b_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "job_embeddings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_description_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    company_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    embedding_vector = table.Column<Vector>(type: "vector(1536)", nullable: false),
                    model_used = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    dimensions = table.Column<int>(type: "integer", nullable: false),
                    tokens_used = table.Column<int>(type: "integer", nullable: false),
                    cost_usd = table.Column<decimal>(type: "numeric(8,6)", precision: 8, scale: 6, nullable: false),
                    access_count = table.Column<int>(type: "integer", nullable: false),
                    last_accessed = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("job_embeddings_pkey", x => x.id);
                    table.ForeignKey(
                        name: "job_embeddings_user_id_48a7c49e_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_cost_tracking",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    model_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    total_cost_usd = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: false),
                    generation_count = table.Column<int>(type: "integer", nullable: false),
                    avg_cost_per_generation = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: false),
                    total_tokens_used = table.Column<long>(type: "bigint", nullable: false),
                    avg_tokens_per_generation = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("model_cost_tracking_pkey", x => x.id);
                    table.ForeignKey(
                        name: "model_cost_tracking_user_id_481b10c4_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_performance_metrics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    task_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    processing_time_ms = table.Column<int>(type: "integer", nullable: false),
                    tokens_used = table.Column<int>(type: "integer", nullable: false),
                    cost_usd = table.Column<decimal>(type: "numeric(10,6)", precision: 10, scale: 6, nullable: false),
                    quality_score = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    success = table.Column<bool>(type: "boolean", nullable: false),
                    complexity_score = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    selection_strategy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    fallback_used = table.Column<bool>(type: "boolean", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("model_performance_metrics_pkey", x => x.id);
                    table.ForeignKey(
                        name: "model_performance_metrics_user_id_6757821a_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "socialaccount_socialaccount",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    uid = table.Column<string>(type: "character varying(191)", maxLength: 191, nullable: false),
                    last_login = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    date_joined = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    extra_data = table.Column<string>(type: "jsonb", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("socialaccount_socialaccount_pkey", x => x.id);
                    table.ForeignKey(
                        name: "socialaccount_social_user_id_8146e70c_fk_accounts_",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "token_blacklist_outstandingtoken",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    jti = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("token_blacklist_outstandingtoken_pkey", x => x.id);
                    table.ForeignKey(
                        name: "token_blacklist_outs_user_id_83bc629a_fk_accounts_",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_groups",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("accounts_user_groups_pkey", x => x.id);
                    table.ForeignKey(
                        name: "accounts_user_groups_group_id_bd11a704_fk_auth_group_id",
                        column: x => x.group_id,
                        principalTable: "auth_group",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "accounts_user_groups_user_id_52b62117_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_permission",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type_id = table.Column<int>(type: "integer", nullable: false),
                    codename = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("auth_permission_pkey", x => x.id);
                    table.ForeignKey(
                        name: "auth_permission_content_type_id_2f476e4b_fk_django_co",
                        column: x => x.content_type_id,
                        principalTable: "django_content_type",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "django_admin_log",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    object_id = table.Column<string>(type: "text", nullable: true),
                    object_repr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action_flag = table.Column<short>(type: "smallint", nullable: false),
                    change_message = table.Column<string>(type: "text", nullable: false),
                    content_type_id = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("django_admin_log_pkey", x => x.id);
                    table.CheckConstraint("django_admin_log_action_flag_check", "action_flag >= 0");
                    table.ForeignKey(
                        name: "django_admin_log_content_type_id_c4bce8eb_fk_django_co",
                        column: x => x.content_type_id,
                        principalTable: "django_content_type",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "django_admin_log_user_id_c564eba6_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "generation_generateddocument",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    job_description_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    label_ids = table.Column<string>(type: "jsonb", nullable: false),
                    template_id = table.Column<int>(type: "integer", nullable: false),
                    custom_sections = table.Column<string>(type: "jsonb", nullable: false),
                    generation_preferences = table.Column<string>(type: "jsonb", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress_percentage = table.Column<int>(type: "integer", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: false),
                    artifacts_used = table.Column<string>(type: "jsonb", nullable: false),
                    model_version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    generation_time_ms = table.Column<int>(type: "integer", nullable: true),
                    user_rating = table.Column<int>(type: "integer", nullable: true),
                    user_feedback = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    job_description_id = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_generateddocument_pkey", x => x.id);
                    table.ForeignKey(
                        name: "generation_generated_job_description_id_20a2f9a2_fk_generatio",
                        column: x => x.job_description_id,
                        principalTable: "generation_jobdescription",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "generation_generated_user_id_f93e4024_fk_accounts_",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_emailconfirmation",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    email_address_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("account_emailconfirmation_pkey", x => x.id);
                    table.ForeignKey(
                        name: "account_emailconfirm_email_address_id_5b7f8c58_fk_account_e",
                        column: x => x.email_address_id,
                        principalTable: "account_emailaddress",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifacts_artifactprocessingjob",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress_percentage = table.Column<int>(type: "integer", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: false),
                    metadata_extracted = table.Column<string>(type: "jsonb", nullable: false),
                    evidence_validation_results = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    artifact_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("artifacts_artifactprocessingjob_pkey", x => x.id);
                    table.ForeignKey(
                        name: "artifacts_artifactpr_artifact_id_8791ae7d_fk_artifacts",
                        column: x => x.artifact_id,
                        principalTable: "artifacts_artifact",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifacts_evidencelink",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    url = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    link_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    file_path = table.Column<string>(type: "text", nullable: false),
                    file_size = table.Column<int>(type: "integer", nullable: true),
                    mime_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    validation_metadata = table.Column<string>(type: "jsonb", nullable: false),
                    last_validated = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_accessible = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    artifact_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("artifacts_evidencelink_pkey", x => x.id);
                    table.ForeignKey(
                        name: "artifacts_evidenceli_artifact_id_54ac49d8_fk_artifacts",
                        column: x => x.artifact_id,
                        principalTable: "artifacts_artifact",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "artifact_chunks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    chunk_index = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    embedding_vector = table.Column<Vector>(type: "vector(1536)", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    model_used = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    tokens_used = table.Column<int>(type: "integer", nullable: false),
                    processing_cost_usd = table.Column<decimal>(type: "numeric(8,6)", precision: 8, scale: 6, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    artifact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    embedding_dimensions = table.Column<int>(type: "integer", nullable: false, defaultValue: 1536)
                },
                constraints: table =>
                {
                    table.PrimaryKey("artifact_chunks_pkey", x => x.id);
                    table.ForeignKey(
                        name: "artifact_chunks_artifact_id_c962a27c_fk_enhanced_artifacts_id",
                        column: x => x.artifact_id,
                        principalTable: "enhanced_artifacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "socialaccount_socialtoken",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token = table.Column<string>(type: "text", nullable: false),
                    token_secret = table.Column<string>(type: "text", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    app_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("socialaccount_socialtoken_pkey", x => x.id);
                    table.ForeignKey(
                        name: "socialaccount_social_account_id_951f210e_fk_socialacc",
                        column: x => x.account_id,
                        principalTable: "socialaccount_socialaccount",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "socialaccount_social_app_id_636a42d7_fk_socialacc",
                        column: x => x.app_id,
                        principalTable: "socialaccount_socialapp",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "token_blacklist_blacklistedtoken",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    blacklisted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    token_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("token_blacklist_blacklistedtoken_pkey", x => x.id);
                    table.ForeignKey(
                        name: "token_blacklist_blac_token_id_3cc7fe56_fk_token_bla",
                        column: x => x.token_id,
                        principalTable: "token_blacklist_outstandingtoken",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_user_user_permissions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    permission_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("accounts_user_user_permissions_pkey", x => x.id);
                    table.ForeignKey(
                        name: "accounts_user_user_p_permission_id_113bb443_fk_auth_perm",
                        column: x => x.permission_id,
                        principalTable: "auth_permission",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "accounts_user_user_p_user_id_e4f0a161_fk_accounts_",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "auth_group_permissions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    group_id = table.Column<int>(type: "integer", nullable: false),
                    permission_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("auth_group_permissions_pkey", x => x.id);
                    table.ForeignKey(
                        name: "auth_group_permissio_permission_id_84c5c92e_fk_auth_perm",
                        column: x => x.permission_id,
                        principalTable: "auth_permission",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "auth_group_permissions_group_id_b120cbf9_fk_auth_group_id",
                        column: x => x.group_id,
                        principalTable: "auth_group",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "export_exportjob",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    export_options = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress_percentage = table.Column<int>(type: "integer", nullable: false),
                    error_message = table.Column<string>(type: "text", nullable: false),
                    file_path = table.Column<string>(type: "text", nullable: false),
                    file_size = table.Column<int>(type: "integer", nullable: true),
                    download_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    generated_document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_id = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("export_exportjob_pkey", x => x.id);
                    table.ForeignKey(
                        name: "export_exportjob_generated_document_i_4c1f66ef_fk_generatio",
                        column: x => x.generated_document_id,
                        principalTable: "generation_generateddocument",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "export_exportjob_template_id_7b04376e_fk_export_ex",
                        column: x => x.template_id,
                        principalTable: "export_exporttemplate",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "export_exportjob_user_id_7674092a_fk_accounts_user_id",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "generation_generationfeedback",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    feedback_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    feedback_data = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    generation_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_generationfeedback_pkey", x => x.id);
                    table.ForeignKey(
                        name: "generation_generatio_generation_id_6ca9922e_fk_generatio",
                        column: x => x.generation_id,
                        principalTable: "generation_generateddocument",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "export_exportanalytics",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    user_agent = table.Column<string>(type: "text", nullable: false),
                    ip_address = table.Column<IPAddress>(type: "inet", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    export_job_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("export_exportanalytics_pkey", x => x.id);
                    table.ForeignKey(
                        name: "export_exportanalyti_export_job_id_137e268e_fk_export_ex",
                        column: x => x.export_job_id,
                        principalTable: "export_exportjob",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "account_emailaddress_email_03be32b2",
                table: "account_emailaddress",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "account_emailaddress_email_03be32b2_like",
                table: "account_emailaddress",
                column: "email")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "account_emailaddress_user_id_2c513194",
                table: "account_emailaddress",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "account_emailaddress_user_id_email_987c8728_uniq",
                table: "account_emailaddress",
                columns: new[] { "user_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "unique_primary_email",
                table: "account_emailaddress",
                columns: new[] { "user_id", "primary" },
                unique: true,
                filter: "\"primary\"");

            migrationBuilder.CreateIndex(
                name: "unique_verified_email",
                table: "account_emailaddress",
                column: "email",
                unique: true,
                filter: "verified");

            migrationBuilder.CreateIndex(
                name: "account_emailconfirmation_email_address_id_5b7f8c58",
                table: "account_emailconfirmation",
                column: "email_address_id");

            migrationBuilder.CreateIndex(
                name: "account_emailconfirmation_key_f43612bd_like",
                table: "account_emailconfirmation",
                column: "key")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "account_emailconfirmation_key_key",
                table: "account_emailconfirmation",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "accounts_user_email_b2644a56_like",
                table: "accounts_user",
                column: "email")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "accounts_user_email_key",
                table: "accounts_user",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "accounts_user_username_6088629e_like",
                table: "accounts_user",
                column: "username")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "accounts_user_username_key",
                table: "accounts_user",
                column: "username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "accounts_user_groups_group_id_bd11a704",
                table: "accounts_user_groups",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "accounts_user_groups_user_id_52b62117",
                table: "accounts_user_groups",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "accounts_user_groups_user_id_group_id_59c0b32f_uniq",
                table: "accounts_user_groups",
                columns: new[] { "user_id", "group_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "accounts_user_user_permi_user_id_permission_id_2ab516c2_uniq",
                table: "accounts_user_user_permissions",
                columns: new[] { "user_id", "permission_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "accounts_user_user_permissions_permission_id_113bb443",
                table: "accounts_user_user_permissions",
                column: "permission_id");

            migrationBuilder.CreateIndex(
                name: "accounts_user_user_permissions_user_id_e4f0a161",
                table: "accounts_user_user_permissions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "artifact_ch_artifac_db15f8_idx",
                table: "artifact_chunks",
                columns: new[] { "artifact_id", "chunk_index" });

            migrationBuilder.CreateIndex(
                name: "artifact_ch_content_503ced_idx",
                table: "artifact_chunks",
                column: "content_hash");

            migrationBuilder.CreateIndex(
                name: "artifact_chunks_artifact_id_c962a27c",
                table: "artifact_chunks",
                column: "artifact_id");

            migrationBuilder.CreateIndex(
                name: "artifact_chunks_artifact_id_chunk_index_a17873a0_uniq",
                table: "artifact_chunks",
                columns: new[] { "artifact_id", "chunk_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "artifact_chunks_embedding_vector_hnsw_idx",
                table: "artifact_chunks",
                column: "embedding_vector")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });

            migrationBuilder.CreateIndex(
                name: "artifacts_artifact_user_id_e81fa9dc",
                table: "artifacts_artifact",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "artifacts_artifactprocessingjob_artifact_id_8791ae7d",
                table: "artifacts_artifactprocessingjob",
                column: "artifact_id");

            migrationBuilder.CreateIndex(
                name: "artifacts_evidencelink_artifact_id_54ac49d8",
                table: "artifacts_evidencelink",
                column: "artifact_id");

            migrationBuilder.CreateIndex(
                name: "artifacts_u_created_7d2779_idx",
                table: "artifacts_uploadedfile",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "artifacts_uploadedfile_user_id_19b02751",
                table: "artifacts_uploadedfile",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "auth_group_name_a6ea08ec_like",
                table: "auth_group",
                column: "name")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "auth_group_name_key",
                table: "auth_group",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "auth_group_permissions_group_id_b120cbf9",
                table: "auth_group_permissions",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "auth_group_permissions_group_id_permission_id_0cd325b0_uniq",
                table: "auth_group_permissions",
                columns: new[] { "group_id", "permission_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "auth_group_permissions_permission_id_84c5c92e",
                table: "auth_group_permissions",
                column: "permission_id");

            migrationBuilder.CreateIndex(
                name: "auth_permission_content_type_id_2f476e4b",
                table: "auth_permission",
                column: "content_type_id");

            migrationBuilder.CreateIndex(
                name: "auth_permission_content_type_id_codename_01ab375a_uniq",
                table: "auth_permission",
                columns: new[] { "content_type_id", "codename" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "circuit_breaker_states_model_name_a601ceee_like",
                table: "circuit_breaker_states",
                column: "model_name")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "django_admin_log_content_type_id_c4bce8eb",
                table: "django_admin_log",
                column: "content_type_id");

            migrationBuilder.CreateIndex(
                name: "django_admin_log_user_id_c564eba6",
                table: "django_admin_log",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "django_content_type_app_label_model_76bd3d3b_uniq",
                table: "django_content_type",
                columns: new[] { "app_label", "model" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "django_session_expire_date_a5c62663",
                table: "django_session",
                column: "expire_date");

            migrationBuilder.CreateIndex(
                name: "django_session_session_key_c0390e0f_like",
                table: "django_session",
                column: "session_key")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "embedding_jobs_pending_available_at_idx",
                table: "embedding_jobs",
                column: "available_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "embedding_jobs_running_locked_until_idx",
                table: "embedding_jobs",
                column: "locked_until",
                filter: "status = 'running'");

            migrationBuilder.CreateIndex(
                name: "embedding_jobs_user_id_artifact_id_idx",
                table: "embedding_jobs",
                columns: new[] { "user_id", "artifact_id" });

            migrationBuilder.CreateIndex(
                name: "enhanced_ar_created_863a56_idx",
                table: "enhanced_artifacts",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "enhanced_ar_embeddi_f97a78_idx",
                table: "enhanced_artifacts",
                column: "embedding_model");

            migrationBuilder.CreateIndex(
                name: "enhanced_ar_user_id_08ae58_idx",
                table: "enhanced_artifacts",
                columns: new[] { "user_id", "content_type" });

            migrationBuilder.CreateIndex(
                name: "enhanced_artifacts_original_artifact_id_idx",
                table: "enhanced_artifacts",
                column: "original_artifact_id");

            migrationBuilder.CreateIndex(
                name: "enhanced_artifacts_user_id_5ac48d0b",
                table: "enhanced_artifacts",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "export_exportanalytics_export_job_id_137e268e",
                table: "export_exportanalytics",
                column: "export_job_id");

            migrationBuilder.CreateIndex(
                name: "export_exportjob_generated_document_id_4c1f66ef",
                table: "export_exportjob",
                column: "generated_document_id");

            migrationBuilder.CreateIndex(
                name: "export_exportjob_template_id_7b04376e",
                table: "export_exportjob",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "export_exportjob_user_id_7674092a",
                table: "export_exportjob",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "generation_generateddocument_job_description_id_20a2f9a2",
                table: "generation_generateddocument",
                column: "job_description_id");

            migrationBuilder.CreateIndex(
                name: "generation_generateddocument_user_id_f93e4024",
                table: "generation_generateddocument",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "generation_generationfeedback_generation_id_6ca9922e",
                table: "generation_generationfeedback",
                column: "generation_id");

            migrationBuilder.CreateIndex(
                name: "generation_jobdescription_content_hash_f66251c2_like",
                table: "generation_jobdescription",
                column: "content_hash")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "generation_jobdescription_content_hash_key",
                table: "generation_jobdescription",
                column: "content_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "generation_skillstaxonomy_skill_name_e6d28ded_like",
                table: "generation_skillstaxonomy",
                column: "skill_name")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "generation_skillstaxonomy_skill_name_key",
                table: "generation_skillstaxonomy",
                column: "skill_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "job_embeddi_created_66dd89_idx",
                table: "job_embeddings",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "job_embeddi_job_des_147ae2_idx",
                table: "job_embeddings",
                column: "job_description_hash");

            migrationBuilder.CreateIndex(
                name: "job_embeddi_user_id_48c22c_idx",
                table: "job_embeddings",
                columns: new[] { "user_id", "last_accessed" });

            migrationBuilder.CreateIndex(
                name: "job_embeddings_job_description_hash_5ea40d2e_like",
                table: "job_embeddings",
                column: "job_description_hash")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "job_embeddings_job_description_hash_key",
                table: "job_embeddings",
                column: "job_description_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "job_embeddings_user_id_48a7c49e",
                table: "job_embeddings",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "model_cost__date_2f65ac_idx",
                table: "model_cost_tracking",
                columns: new[] { "date", "model_name" });

            migrationBuilder.CreateIndex(
                name: "model_cost__user_id_5d5785_idx",
                table: "model_cost_tracking",
                columns: new[] { "user_id", "date" });

            migrationBuilder.CreateIndex(
                name: "model_cost_tracking_user_id_481b10c4",
                table: "model_cost_tracking",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "model_cost_tracking_user_id_date_model_name_82ed6f5b_uniq",
                table: "model_cost_tracking",
                columns: new[] { "user_id", "date", "model_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "model_perfo_created_5bd507_idx",
                table: "model_performance_metrics",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "model_perfo_model_n_805f74_idx",
                table: "model_performance_metrics",
                columns: new[] { "model_name", "task_type" });

            migrationBuilder.CreateIndex(
                name: "model_perfo_success_9c8b87_idx",
                table: "model_performance_metrics",
                column: "success");

            migrationBuilder.CreateIndex(
                name: "model_performance_metrics_model_name_5b9d3139",
                table: "model_performance_metrics",
                column: "model_name");

            migrationBuilder.CreateIndex(
                name: "model_performance_metrics_model_name_5b9d3139_like",
                table: "model_performance_metrics",
                column: "model_name")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "model_performance_metrics_user_id_6757821a",
                table: "model_performance_metrics",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "socialaccount_socialaccount_provider_uid_fc810c6e_uniq",
                table: "socialaccount_socialaccount",
                columns: new[] { "provider", "uid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "socialaccount_socialaccount_user_id_8146e70c",
                table: "socialaccount_socialaccount",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "socialaccount_socialtoken_account_id_951f210e",
                table: "socialaccount_socialtoken",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "socialaccount_socialtoken_app_id_636a42d7",
                table: "socialaccount_socialtoken",
                column: "app_id");

            migrationBuilder.CreateIndex(
                name: "socialaccount_socialtoken_app_id_account_id_fca4e0ac_uniq",
                table: "socialaccount_socialtoken",
                columns: new[] { "app_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "token_blacklist_blacklistedtoken_token_id_key",
                table: "token_blacklist_blacklistedtoken",
                column: "token_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "token_blacklist_outstandingtoken_jti_28cb9931_like",
                table: "token_blacklist_outstandingtoken",
                column: "jti")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "token_blacklist_outstandingtoken_jti_key",
                table: "token_blacklist_outstandingtoken",
                column: "jti",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "token_blacklist_outstandingtoken_user_id_83bc629a",
                table: "token_blacklist_outstandingtoken",
                column: "user_id");

            // Wake queue workers on every enqueued job, whoever inserts it (EF, raw SQL, the importer): the
            // notification is delivered at commit, so listeners never see a job that rolled back.
            migrationBuilder.Sql("""
                CREATE FUNCTION embedding_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('embedding_jobs', NEW.id::text);
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER embedding_jobs_notify AFTER INSERT ON embedding_jobs
                    FOR EACH ROW EXECUTE FUNCTION embedding_jobs_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS embedding_jobs_notify ON embedding_jobs;
                DROP FUNCTION IF EXISTS embedding_jobs_notify();
                """);

            migrationBuilder.DropTable(
                name: "account_emailconfirmation");

            migrationBuilder.DropTable(
                name: "accounts_user_groups");

            migrationBuilder.DropTable(
                name: "accounts_user_user_permissions");

            migrationBuilder.DropTable(
                name: "artifact_chunks");

            migrationBuilder.DropTable(
                name: "artifacts_artifactprocessingjob");

            migrationBuilder.DropTable(
                name: "artifacts_evidencelink");

            migrationBuilder.DropTable(
                name: "artifacts_uploadedfile");

            migrationBuilder.DropTable(
                name: "auth_group_permissions");

            migrationBuilder.DropTable(
                name: "circuit_breaker_states");

            migrationBuilder.DropTable(
                name: "django_admin_log");

            migrationBuilder.DropTable(
                name: "django_session");

            migrationBuilder.DropTable(
                name: "embedding_jobs");

            migrationBuilder.DropTable(
                name: "export_exportanalytics");

            migrationBuilder.DropTable(
                name: "generation_cvtemplate");

            migrationBuilder.DropTable(
                name: "generation_generationfeedback");

            migrationBuilder.DropTable(
                name: "generation_skillstaxonomy");

            migrationBuilder.DropTable(
                name: "job_embeddings");

            migrationBuilder.DropTable(
                name: "model_cost_tracking");

            migrationBuilder.DropTable(
                name: "model_performance_metrics");

            migrationBuilder.DropTable(
                name: "socialaccount_socialtoken");

            migrationBuilder.DropTable(
                name: "token_blacklist_blacklistedtoken");

            migrationBuilder.DropTable(
                name: "account_emailaddress");

            migrationBuilder.DropTable(
                name: "enhanced_artifacts");

            migrationBuilder.DropTable(
                name: "artifacts_artifact");

            migrationBuilder.DropTable(
                name: "auth_permission");

            migrationBuilder.DropTable(
                name: "auth_group");

            migrationBuilder.DropTable(
                name: "export_exportjob");

            migrationBuilder.DropTable(
                name: "socialaccount_socialaccount");

            migrationBuilder.DropTable(
                name: "socialaccount_socialapp");

            migrationBuilder.DropTable(
                name: "token_blacklist_outstandingtoken");

            migrationBuilder.DropTable(
                name: "django_content_type");

            migrationBuilder.DropTable(
                name: "generation_generateddocument");

            migrationBuilder.DropTable(
                name: "export_exporttemplate");

            migrationBuilder.DropTable(
                name: "generation_jobdescription");

            migrationBuilder.DropTable(
                name: "accounts_user");
        }
    }
}
