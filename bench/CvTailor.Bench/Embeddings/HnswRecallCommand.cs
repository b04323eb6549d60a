using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using CvTailor.Data;
using CvTailor.Data.Schema;
using CvTailor.LocalPostgres;
using CvTailor.SentenceEncoder;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// <c>hnsw-recall [--chunks 100000] [--queries 100] [--exact-sql 10]</c>: loads that many chunks of real Universal
/// Sentence Encoder Lite vectors (distinct CV-like sentence pairs, 100 users) into <c>artifact_chunks</c>, rebuilds the
/// HNSW index (cosine), and measures cross-user top-10 search: recall@10 against exact ground truth (computed in C#)
/// and queries/s for several <c>hnsw.ef_search</c> values, against the exact SQL scan.
/// </summary>
internal static class HnswRecallCommand
{
    const int K = 10;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var chunkCount = EmbeddingLatencyCommand.Option(args, "--chunks", 100_000);
        var queryCount = EmbeddingLatencyCommand.Option(args, "--queries", 100);
        var exactSqlQueries = EmbeddingLatencyCommand.Option(args, "--exact-sql", 10);

        var model = UseLiteModel.Load(UseLiteModelDirectory.Default);
        var run = new UseLiteRunOptions(Threads: Environment.ProcessorCount);
        var watch = Stopwatch.StartNew();
        var texts = Texts(chunkCount, seed: 1);
        var vectors = Embed(model, texts, run);
        var queries = Embed(model, Texts(queryCount, seed: 2), run);
        await output.WriteLineAsync($"embedded {chunkCount} chunks + {queryCount} queries in {watch.Elapsed.TotalSeconds:F0} s");

        var state = Path.Combine(Path.GetTempPath(), $"cvtailor-bench-pg-{Guid.NewGuid():N}");
        await using var postgres = await LocalPostgresServer.StartAsync(
            new PostgresLauncherOptions { StateDirectory = state, Ephemeral = true }, _ => { }, ct);
        await postgres.CreateDatabaseAsync("bench", ct);
        var connection = postgres.GetConnectionString("bench");
        await DatabaseMigrator.MigrateAsync(connection, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        var builder = new NpgsqlDataSourceBuilder(connection + ";Command Timeout=0");
        builder.UseVector();
        await using var data = builder.Build();

        watch.Restart();
        var ids = await LoadAsync(data, texts, vectors, ct);
        await output.WriteLineAsync($"loaded in {watch.Elapsed.TotalSeconds:F0} s");
        watch.Restart();
        await ExecAsync(data, """
            SET maintenance_work_mem = '1GB';
            CREATE INDEX artifact_chunks_embedding_vector_hnsw_idx ON artifact_chunks USING hnsw (embedding_vector vector_cosine_ops);
            ANALYZE artifact_chunks;
            """, ct);
        await output.WriteLineAsync($"HNSW (m=16, ef_construction=64, cosine) built in {watch.Elapsed.TotalSeconds:F0} s over {chunkCount} × vector(1536)");

        var truth = queries.Select(q => ExactTopK(vectors, q)).ToArray();
        await output.WriteLineAsync("search                     recall@10     QPS    p50 ms");
        var exact = await TimeQueriesAsync(data, queries.Take(exactSqlQueries).ToArray(), "SET enable_indexscan = off;", ct);
        var exactRecall = Recall(exact.Results, truth, ids);
        await output.WriteLineAsync(Row("exact (seq scan)", exactRecall, exact.Milliseconds));
        foreach (var ef in new[] { 40, 100, 200, 400 })
        {
            var hnsw = await TimeQueriesAsync(data, queries, $"SET enable_indexscan = on; SET hnsw.ef_search = {ef};", ct);
            await output.WriteLineAsync(Row($"hnsw ef_search={ef}", Recall(hnsw.Results, truth, ids), hnsw.Milliseconds));
        }
        return 0;
    }

    static string Row(string name, double recall, List<double> ms) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-24} {recall,9:F3} {1000 / ms.Average(),8:F1} {Percentiles.Of(ms, 50),8:F2}");

    static List<string> Texts(int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>(count);
        while (texts.Count < count)
        {
            var text = $"{BenchProse.Sentence(random)} {BenchProse.Sentence(random)} Ref {random.Next(100_000)}.";
            if (seen.Add(text))
            {
                texts.Add(text);
            }
        }
        return texts;
    }

    static float[][] Embed(UseLiteModel model, List<string> texts, UseLiteRunOptions run)
    {
        var result = new float[texts.Count][];
        for (var offset = 0; offset < texts.Count; offset += 1024)
        {
            var batch = texts.GetRange(offset, Math.Min(1024, texts.Count - offset));
            model.Embed(batch, run).CopyTo(result, offset);
        }
        return result;
    }

    static async Task<Guid[]> LoadAsync(NpgsqlDataSource data, List<string> texts, float[][] vectors, CancellationToken ct)
    {
        // As the importer does: drop the HNSW index for the bulk load, rebuild it once afterwards.
        await ExecAsync(data, "DROP INDEX IF EXISTS artifact_chunks_embedding_vector_hnsw_idx", ct);
        var users = new List<long>();
        await using (var db = new CvTailorDbContext(CvTailorDbContextOptions.Create(data)))
        {
            var rows = Enumerable.Range(0, 100)
                .Select(i => new Data.Accounts.User { Username = $"bench{i}", Email = $"bench{i}@example.com", Password = "!" }).ToList();
            db.Users.AddRange(rows);
            await db.SaveChangesAsync(ct);
            users.AddRange(rows.Select(u => u.Id));
        }

        const int chunksPerArtifact = 20;
        var artifactIds = new Guid[(texts.Count + chunksPerArtifact - 1) / chunksPerArtifact];
        await using (var connection = await data.OpenConnectionAsync(ct))
        {
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY enhanced_artifacts (id, original_artifact_id, title, content_type, raw_content, processed_content,
                    content_embedding, summary_embedding, embedding_model, embedding_dimensions, embedding_cost_usd,
                    langchain_version, processing_strategy, total_chunks, processing_time_ms, llm_model_used, created_at,
                    updated_at, user_id) FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                for (var a = 0; a < artifactIds.Length; a++)
                {
                    artifactIds[a] = Guid.NewGuid();
                    var first = new Vector(VectorStorage.PadForStorage(vectors[a * chunksPerArtifact]));
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(artifactIds[a], NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(a + 1, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync($"Artifact {a}", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync("text", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync("", NpgsqlDbType.Text, ct);
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb, ct);
                    await writer.WriteAsync(first, ct);
                    await writer.WriteAsync(first, ct);
                    await writer.WriteAsync("use-lite", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(512, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(0m, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync("", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync("structured", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(chunksPerArtifact, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync("", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(users[a % users.Count], NpgsqlDbType.Bigint, ct);
                }
                await writer.CompleteAsync(ct);
            }

            var ids = new Guid[texts.Count];
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY artifact_chunks (id, chunk_index, content, metadata, embedding_vector, content_hash, model_used,
                    tokens_used, processing_cost_usd, created_at, artifact_id, embedding_dimensions) FROM STDIN (FORMAT BINARY)
                """, ct))
            {
                for (var i = 0; i < texts.Count; i++)
                {
                    ids[i] = Guid.NewGuid();
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(i % chunksPerArtifact, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(texts[i], NpgsqlDbType.Text, ct);
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb, ct);
                    await writer.WriteAsync(new Vector(VectorStorage.PadForStorage(vectors[i])), ct);
                    await writer.WriteAsync(i.ToString("x64", CultureInfo.InvariantCulture), NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync("use-lite", NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(0m, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(artifactIds[i / chunksPerArtifact], NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(512, NpgsqlDbType.Integer, ct);
                }
                await writer.CompleteAsync(ct);
            }
            return ids;
        }
    }

    static async Task<(List<Guid[]> Results, List<double> Milliseconds)> TimeQueriesAsync(
        NpgsqlDataSource data, float[][] queries, string settings, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await using (var set = new NpgsqlCommand(settings, connection))
        {
            await set.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand(
            "SELECT id FROM artifact_chunks WHERE model_used = 'use-lite' ORDER BY embedding_vector <=> $1 LIMIT 10", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(VectorStorage.PadForStorage(queries[0])) });
        await command.PrepareAsync(ct);
        // One untimed pass first: it pulls the pages these queries touch into the caches.
        foreach (var query in queries)
        {
            command.Parameters[0].Value = new Vector(VectorStorage.PadForStorage(query));
            await using var warm = await command.ExecuteReaderAsync(ct);
            while (await warm.ReadAsync(ct))
            {
            }
        }
        var results = new List<Guid[]>();
        var times = new List<double>();
        foreach (var query in queries)
        {
            command.Parameters[0].Value = new Vector(VectorStorage.PadForStorage(query));
            var started = Stopwatch.GetTimestamp();
            var ids = new List<Guid>(K);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetGuid(0));
                }
            }
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            results.Add([.. ids]);
        }
        return (results, times);
    }

    static int[] ExactTopK(float[][] vectors, float[] query)
    {
        // Unit vectors: cosine similarity is the dot product.
        var scores = new float[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(vectors[i], query);
        }
        return Enumerable.Range(0, vectors.Length).OrderByDescending(i => scores[i]).Take(K).ToArray();
    }

    static double Recall(List<Guid[]> results, int[][] truth, Guid[] ids)
    {
        var total = 0.0;
        for (var q = 0; q < results.Count; q++)
        {
            var expected = truth[q].Select(i => ids[i]).ToHashSet();
            total += results[q].Count(expected.Contains) / (double)K;
        }
        return total / results.Count;
    }

    static async Task ExecAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
