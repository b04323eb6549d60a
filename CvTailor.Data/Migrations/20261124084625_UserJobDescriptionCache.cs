using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CvTailor.Data.Migrations
{
    /// <inheritdoc />
    public partial class UserJobDescriptionCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "user_job_description_id",
                table: "generation_generateddocument",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "generation_userjobdescription",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    company_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    role_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    raw_content = table.Column<string>(type: "text", nullable: false),
                    parsed_data = table.Column<string>(type: "jsonb", nullable: false),
                    parsing_confidence = table.Column<double>(type: "double precision", nullable: false),
                    parser_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    hit_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generation_userjobdescription_pkey", x => x.id);
                    table.ForeignKey(
                        name: "generation_userjobde_user_id_402f1b63_fk_accounts_",
                        column: x => x.user_id,
                        principalTable: "accounts_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "generation_generateddocument_user_job_description_id_960c39c3",
                table: "generation_generateddocument",
                column: "user_job_description_id");

            migrationBuilder.CreateIndex(
                name: "generation_userjobdescri_user_id_content_hash_com_a827187a_uniq",
                table: "generation_userjobdescription",
                columns: new[] { "user_id", "content_hash", "company_name", "role_title" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "generation_generated_user_job_description_960c39c3_fk_generatio",
                table: "generation_generateddocument",
                column: "user_job_description_id",
                principalTable: "generation_userjobdescription",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "generation_generated_user_job_description_960c39c3_fk_generatio",
                table: "generation_generateddocument");

            migrationBuilder.DropTable(
                name: "generation_userjobdescription");

            migrationBuilder.DropIndex(
                name: "generation_generateddocument_user_job_description_id_960c39c3",
                table: "generation_generateddocument");

            migrationBuilder.DropColumn(
                name: "user_job_description_id",
                table: "generation_generateddocument");
        }
    }
}
