using System.Diagnostics;
using System.Globalization;
using CvTailor.Data.Schema;
using Npgsql;
using Pgvector;

namespace CvTailor.Bench.Embeddings;

/// <summary>
/// Storage per chunk for each way a chunk vector can be stored, on copies of the bench's own chunks
/// (<c>CREATE TABLE … (LIKE artifact_chunks INCLUDING ALL)</c>: same storage settings, constraints and indexes, HNSW
/// included), each measured whole (heap + TOAST + indexes) and timed on the two reads the Api does: the one-pass read
/// of every vector (match) and an exact nearest-10 (search). Three forms: the local model's 512 values at their width
/// (now), the same padded to 1536 in the original's column (before), and a 1536-wide model's vectors (OpenAI's model,
/// imported data: random values, the width is what matters).
/// </summary>
internal static class VectorStorageFigures
{
    public static async Task RunAsync(NpgsqlDataSource data, TextWriter output, int rounds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        var forms = new (string Label, string Table, string Fill, string Read, string Distance)[]
        {
            ("use-lite, 512 at its width (now)", "bench_chunks_narrow",
                "SELECT * FROM artifact_chunks WHERE embedding_vector_512 IS NOT NULL",
                "embedding_vector_512", "embedding_vector_512 <=> $1::vector(512)"),
            ("use-lite, padded to 1536 (before)", "bench_chunks_padded",
                "SELECT * FROM artifact_chunks WHERE embedding_vector_512 IS NOT NULL",
                "subvector(embedding_vector, 1, 512)",
                "embedding_vector <=> ($1::vector(512)::real[] || array_fill(0::real, ARRAY[1024]))::vector(1536)"),
            ("1536-wide model (OpenAI, imported)", "bench_chunks_wide",
                "SELECT * FROM artifact_chunks WHERE embedding_vector_512 IS NOT NULL",
                "embedding_vector",
                "embedding_vector <=> ($1::vector(512)::real[] || array_fill(0::real, ARRAY[1024]))::vector(1536)"),
        };
        await output.WriteLineAsync("chunk storage (copies of the bench's chunks)  chunks  bytes/chunk  vector bytes   read-all p50 ms   nearest-10 p50 ms");
        var query = new Vector(Enumerable.Range(0, VectorStorage.Narrow).Select(i => (float)Math.Sin(i * 0.1)).ToArray());
        foreach (var (label, table, fill, read, distance) in forms)
        {
            await ExecAsync(data, $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (LIKE artifact_chunks INCLUDING ALL)", ct);
            await ExecAsync(data, $"INSERT INTO {table} {fill}", ct);
            if (table == "bench_chunks_padded")
            {
                await ExecAsync(data, $"UPDATE {table} SET embedding_vector = {VectorStorage.ChunkOriginalVectorSql}, embedding_vector_512 = NULL", ct);
            }
            else if (table == "bench_chunks_wide")
            {
                await ExecAsync(data, $"""
                    UPDATE {table} SET embedding_vector =
                        (SELECT array_agg(random()::real - 0.5) FROM generate_series(1, {VectorStorage.Wide}) WHERE id IS NOT NULL)::vector({VectorStorage.Wide}),
                        embedding_vector_512 = NULL, model_used = 'text-embedding-3-small', embedding_dimensions = {VectorStorage.Wide}
                    """, ct);
            }
            await ExecAsync(data, $"VACUUM (FULL, ANALYZE) {table}", ct);
            var chunks = await ScalarAsync<long>(data, $"SELECT count(*) FROM {table}", ct);
            var bytes = await ScalarAsync<long>(data, $"SELECT pg_total_relation_size('{table}')", ct);
            var vectorBytes = await ScalarAsync<decimal>(data, $"SELECT avg(coalesce(pg_column_size(embedding_vector_512), 0) + coalesce(pg_column_size(embedding_vector), 0)) FROM {table}", ct);
            var readAll = await TimeAsync(data, $"SELECT id, {read} FROM {table}", null, rounds, ct);
            var nearest = await TimeAsync(data, $"SELECT id FROM {table} ORDER BY {distance} LIMIT 10", query, rounds, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {label,-42} {chunks,6} {(double)bytes / chunks,12:F0} {vectorBytes,12:F0} {readAll,17:F2} {nearest,19:F2}"));
            await ExecAsync(data, $"DROP TABLE {table}", ct);
        }
    }

    /// <summary>p50 of <paramref name="rounds"/> runs after one warm-up; exact (no index), as the Api ranks one user's chunks.</summary>
    static async Task<double> TimeAsync(NpgsqlDataSource data, string sql, Vector? parameter, int rounds, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await using (var exact = new NpgsqlCommand("SET enable_indexscan = off", connection))
        {
            await exact.ExecuteNonQueryAsync(ct);
        }
        var times = new List<double>();
        for (var i = -1; i < rounds; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (parameter is not null)
            {
                command.Parameters.AddWithValue(parameter);
            }
            var started = Stopwatch.GetTimestamp();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    for (var f = 0; f < reader.FieldCount; f++)
                    {
                        reader.GetValue(f);
                    }
                }
            }
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        return Percentiles.Of(times, 50);
    }

    static async Task ExecAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}
