using Microsoft.EntityFrameworkCore.Migrations;
using Pgvector;

#nullable disable

namespace CvTailor.Data.Migrations
{
    /// <summary>
    /// Chunk vectors at the width of the model that made them (VectorStorage): the original's
    /// <c>embedding_vector vector(1536)</c> keeps 1536-wide vectors and may now be null; the local model's 512-wide
    /// vectors move to <c>embedding_vector_512 vector(512)</c>, kept in the row (storage main: 2 KB read with the
    /// row instead of 6 KB fetched out of line), with its own HNSW index. Exactly one of the two holds each chunk's
    /// vector. Rows written padded before are moved here; Down pads them back.
    /// </summary>
    public partial class ChunkVectorsAtTheirWidth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Vector>(
                name: "embedding_vector",
                table: "artifact_chunks",
                type: "vector(1536)",
                nullable: true,
                oldClrType: typeof(Vector),
                oldType: "vector(1536)");

            migrationBuilder.AddColumn<Vector>(
                name: "embedding_vector_512",
                table: "artifact_chunks",
                type: "vector(512)",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE artifact_chunks ALTER COLUMN embedding_vector_512 SET STORAGE main;");
            migrationBuilder.Sql("""
                UPDATE artifact_chunks
                SET embedding_vector_512 = subvector(embedding_vector, 1, 512)::vector(512), embedding_vector = NULL
                WHERE embedding_dimensions = 512 AND embedding_vector IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "artifact_chunks_embedding_vector_512_hnsw_idx",
                table: "artifact_chunks",
                column: "embedding_vector_512")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });

            migrationBuilder.AddCheckConstraint(
                name: "artifact_chunks_one_vector",
                table: "artifact_chunks",
                sql: "num_nonnulls(embedding_vector, embedding_vector_512) = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "artifact_chunks_embedding_vector_512_hnsw_idx",
                table: "artifact_chunks");

            migrationBuilder.DropCheckConstraint(
                name: "artifact_chunks_one_vector",
                table: "artifact_chunks");

            migrationBuilder.Sql("""
                UPDATE artifact_chunks
                SET embedding_vector = (embedding_vector_512::real[] || array_fill(0::real, ARRAY[1024]))::vector(1536), embedding_vector_512 = NULL
                WHERE embedding_vector_512 IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "embedding_vector_512",
                table: "artifact_chunks");

            migrationBuilder.AlterColumn<Vector>(
                name: "embedding_vector",
                table: "artifact_chunks",
                type: "vector(1536)",
                nullable: false,
                oldClrType: typeof(Vector),
                oldType: "vector(1536)",
                oldNullable: true);
        }
    }
}
