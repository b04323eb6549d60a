using Npgsql;

namespace CvTailor.Api.Search;

/// <summary>
/// PostgreSQL full-text search over the caller's artifacts (title, description, technologies, and the extracted
/// text of their files when the worker has stored it), ranked by <c>ts_rank_cd</c>, with a highlighted snippet.
/// Used when the <c>VectorSearch</c> flag is off or the Embeddings service cannot be reached. The threshold and
/// metric do not apply.
/// </summary>
public static class FullTextSearch
{
    public const string Sql = """
        WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
        docs AS (
            SELECT a.id, a.title, a.artifact_type,
                   a.title || E'\n' || a.description || E'\n' || a.technologies::text || E'\n' || coalesce(e.raw_content, '') AS body
              FROM artifacts_artifact a
              LEFT JOIN LATERAL (
                    SELECT raw_content FROM enhanced_artifacts
                     WHERE original_artifact_id = a.id AND user_id = a.user_id
                     ORDER BY updated_at DESC LIMIT 1) e ON true
             WHERE a.user_id = $2
        )
        SELECT d.id, d.title, d.artifact_type, ts_rank_cd(to_tsvector('english', d.body), q.query) AS rank,
               ts_headline('english', d.body, q.query, 'MaxWords=40, MinWords=15, MaxFragments=2') AS snippet
          FROM docs d, q
         WHERE to_tsvector('english', d.body) @@ q.query
         ORDER BY rank DESC, d.id
         LIMIT $3
        """;

    public static async Task<IReadOnlyList<SearchHit>> RunAsync(
        NpgsqlDataSource dataSource, long userId, SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(request);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue(request.Query);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(request.Limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var rank = reader.GetFloat(3);
            hits.Add(new SearchHit(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), rank, null,
                [new SearchChunk(null, reader.GetString(4), rank, null)]));
        }
        return hits;
    }
}
