using System.Globalization;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Generation.Semantic;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// The data access of one match, as the endpoint does it (same queries, same client library): the artifact load,
/// the two vector-count queries, the one-pass chunk-vector read (or, with <c>perPairLines</c>, the per-pair SQL of
/// before) and the chunk texts. The endpoint is compared with this, run the same way in the same run.
/// </summary>
internal static class MatchDataAccess
{
    /// <summary>
    /// The endpoint's other statements, outside the ranking: the token's user check and the posting cache's lookup and
    /// insert of a new posting (each bench call sends a new posting), with the parse the endpoint stored as JSON.
    /// </summary>
    public static async Task RequestStatementsAsync(
        DbContextOptions<CvTailorDbContext> options, long userId, string posting, string parsedJson, CancellationToken ct)
    {
        await using var db = new CvTailorDbContext(options);
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (bool?)u.IsActive).SingleOrDefaultAsync(ct);
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        const string company = "Bench";
        const string role = "Engineer";
        await db.UserJobDescriptions.AsNoTracking()
            .Where(j => j.UserId == userId && j.ContentHash == hash && j.CompanyName == company && j.RoleTitle == role)
            .Select(j => new { j.Id, j.ParserVersion, j.ParsedData })
            .SingleOrDefaultAsync(ct);
        var now = DateTime.UtcNow;
        await db.Database.SqlQuery<long>($"""
            INSERT INTO generation_userjobdescription
                (user_id, content_hash, company_name, role_title, raw_content, parsed_data, parsing_confidence,
                 parser_version, hit_count, created_at, last_used_at)
            VALUES ({userId}, {hash}, {company}, {role}, {posting}, {parsedJson}::jsonb, {0.9},
                    {"bench"}, 0, {now}, {now})
            ON CONFLICT (user_id, content_hash, company_name, role_title) DO UPDATE
                SET parsed_data = EXCLUDED.parsed_data, parsing_confidence = EXCLUDED.parsing_confidence,
                    parser_version = EXCLUDED.parser_version, last_used_at = EXCLUDED.last_used_at
            RETURNING id AS "Value"
            """).ToListAsync(ct);
    }

    public static async Task RunAsync(
        DbContextOptions<CvTailorDbContext> options, long userId, string model, int dims, string[]? perPairLines, CancellationToken ct)
    {
        await using (var db = new CvTailorDbContext(options))
        {
            var loaded = await UserArtifacts.LoadAsync(db, userId, ct);
            var ids = loaded.Select(a => int.Parse(a.Id, CultureInfo.InvariantCulture)).ToArray();
            var candidates = db.EnhancedArtifacts.AsNoTracking()
                .Where(e => e.UserId == userId && e.OriginalArtifactId != null && ids.Contains(e.OriginalArtifactId.Value));
            await candidates.Where(e => e.Chunks.Any()).Select(e => e.OriginalArtifactId).Distinct().CountAsync(ct);
            await candidates.Where(e => e.Chunks.Any(c => c.ModelUsed == model)).Select(e => e.OriginalArtifactId).Distinct().CountAsync(ct);
            var chunkIds = new List<Guid>();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            if (perPairLines is not null)
            {
                await using var command = new NpgsqlCommand(MatchLatencyCommand.PerPairSql(dims), connection);
                command.Parameters.AddWithValue("queries", perPairLines);
                command.Parameters.AddWithValue("user_id", userId);
                command.Parameters.AddWithValue("model", model);
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (chunkIds.Count < ids.Length)
                    {
                        chunkIds.Add(reader.GetGuid(2));
                    }
                }
            }
            else
            {
                await using var command = new NpgsqlCommand(ChunkSemanticScorer.ChunkVectorsSql(dims), connection);
                command.Parameters.AddWithValue("user_id", userId);
                command.Parameters.AddWithValue("model", model);
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    if (chunkIds.Count < ids.Length)
                    {
                        chunkIds.Add(reader.GetGuid(1));
                    }
                    reader.GetFieldValue<Pgvector.Vector>(2);
                }
            }
            await using (var command = new NpgsqlCommand("SELECT id, content FROM artifact_chunks WHERE id = ANY(@ids)", connection))
            {
                command.Parameters.AddWithValue("ids", chunkIds.ToArray());
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    reader.GetString(1);
                }
            }
        }
    }
}
