using CvTailor.Data.Schema;
using Npgsql;
using Pgvector;

namespace CvTailor.Api.Search;

/// <summary>
/// Exact vector search over one user's chunks: every chunk of the caller's artifacts for the query's model is
/// scored (no ANN index: per-user ranking must not lose rows to an index filtered after the fact), artifacts are
/// ranked by their best chunk, and each keeps its best chunks. Vectors are never selected.
/// </summary>
public static class VectorSearch
{
    /// <summary>
    /// The SQL for one metric and query width ($1 query vector at the model's width, $2 user, $3 model, $4 limit,
    /// $5 chunks per artifact, $6 max distance or null); chunk vectors are read from the column for that width.
    /// </summary>
    public static string Sql(SearchMetric metric, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return $"""
            WITH scored AS (
                SELECT a.id AS artifact_id, a.title, a.artifact_type, c.chunk_index, c.content,
                       ({VectorStorage.ChunkVectorSql(dimensions, "c")} {metric.Operator} $1) AS distance
                  FROM enhanced_artifacts e
                  JOIN artifacts_artifact a ON a.id = e.original_artifact_id AND a.user_id = e.user_id
                  JOIN artifact_chunks c ON c.artifact_id = e.id
                 WHERE e.user_id = $2 AND e.embedding_model = $3 AND c.model_used = $3
            ), ranked AS (
                SELECT s.*,
                       row_number() OVER (PARTITION BY s.artifact_id ORDER BY s.distance, s.chunk_index) AS rn,
                       min(s.distance) OVER (PARTITION BY s.artifact_id) AS best
                  FROM scored s
                 WHERE $6::float8 IS NULL OR s.distance <= $6
            ), top_artifacts AS (
                SELECT artifact_id, best FROM ranked WHERE rn = 1 ORDER BY best, artifact_id LIMIT $4
            )
            SELECT r.artifact_id, r.title, r.artifact_type, r.best, r.chunk_index, r.content, r.distance
              FROM ranked r JOIN top_artifacts t USING (artifact_id)
             WHERE r.rn <= $5
             ORDER BY t.best, r.artifact_id, r.rn
            """;
    }

    public static async Task<IReadOnlyList<SearchHit>> RunAsync(
        NpgsqlDataSource dataSource, long userId, QueryVector query, SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(request);
        var metric = request.Metric;
        await using var command = dataSource.CreateCommand(Sql(metric, query.Vector.Length));
        command.Parameters.AddWithValue(new Vector(query.Vector));
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(query.Model);
        command.Parameters.AddWithValue(request.Limit);
        command.Parameters.AddWithValue(request.ChunksPerArtifact);
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = request.Threshold is { } t ? metric.MaxDistance(t) : DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double,
        });

        var hits = new List<SearchHit>();
        List<SearchChunk>? chunks = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var artifactId = reader.GetInt32(0);
            if (hits.Count == 0 || hits[^1].ArtifactId != artifactId)
            {
                chunks = [];
                var best = reader.GetDouble(3);
                hits.Add(new SearchHit(artifactId, reader.GetString(1), reader.GetString(2), metric.Score(best), best, chunks));
            }
            var distance = reader.GetDouble(6);
            chunks!.Add(new SearchChunk(reader.GetInt32(4), reader.GetString(5), metric.Score(distance), distance));
        }
        return hits;
    }
}
