using CvTailor.Tests.Infrastructure;
using Npgsql;
using Pgvector;

namespace CvTailor.Tests.Data;

/// <summary>pgvector on the real test cluster: the extension, 1536-d vectors, and the three distance operators.</summary>
public sealed class PgVectorTests(PostgresDatabaseFixture db) : IClassFixture<PostgresDatabaseFixture>
{
    const int Dimensions = 1536;

    [Fact]
    public async Task Vector_extension_is_installed_by_the_migration()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
        var version = await cmd.ExecuteScalarAsync() as string;
        Assert.NotNull(version);
        Assert.Matches(@"^\d+\.\d+", version);
    }

    [Theory]
    [InlineData("<=>", "cosine")]
    [InlineData("<->", "l2")]
    [InlineData("<#>", "inner_product")]
    public async Task Ordering_by_distance_operator_returns_the_exact_nearest_neighbours(string op, string metric)
    {
        var table = $"vec_{metric}";
        var rows = MakeVectors(seed: 42, count: 300);
        await using (var create = db.DataSource.CreateCommand($"CREATE TABLE {table} (id int PRIMARY KEY, embedding vector({Dimensions}) NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        await using (var import = await conn.BeginBinaryImportAsync($"COPY {table} (id, embedding) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, v) in rows)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id);
                await import.WriteAsync(new Vector(v));
            }
            await import.CompleteAsync();
        }

        var query = MakeVectors(seed: 7, count: 1)[0].Vector;
        await using var select = db.DataSource.CreateCommand(
            $"SELECT id, embedding {op} $1 AS d FROM {table} ORDER BY embedding {op} $1, id LIMIT 10");
        select.Parameters.Add(new NpgsqlParameter { Value = new Vector(query) });
        var fromSql = new List<(int Id, double Distance)>();
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                fromSql.Add((reader.GetInt32(0), reader.GetDouble(1)));
            }
        }

        // The same ranking computed independently, in double precision.
        var expected = rows
            .Select(r => (r.Id, Distance: Distance(metric, r.Vector, query)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Id)
            .Take(10)
            .ToList();
        Assert.Equal(expected.Select(e => e.Id), fromSql.Select(s => s.Id));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Distance, fromSql[i].Distance, 3);
        }
    }

    [Fact]
    public async Task A_vector_of_the_wrong_dimension_is_rejected()
    {
        await using var cmd = db.DataSource.CreateCommand("SELECT $1::vector(1536)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = new Vector(new float[3]) });
        var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteScalarAsync());
        Assert.Contains("dimensions", ex.MessageText, StringComparison.OrdinalIgnoreCase);
    }

    static double Distance(string metric, float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0, l2 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
            var d = (double)a[i] - b[i];
            l2 += d * d;
        }
        return metric switch
        {
            "cosine" => 1 - dot / (Math.Sqrt(na) * Math.Sqrt(nb)),
            "l2" => Math.Sqrt(l2),
            _ => -dot, // pgvector's <#> is the negative inner product, so ascending order = most similar first
        };
    }

    /// <summary>Vectors of varied norms so the three metrics disagree on the order.</summary>
    static List<(int Id, float[] Vector)> MakeVectors(int seed, int count)
    {
        var rng = new Random(seed);
        var result = new List<(int, float[])>(count);
        for (var id = 1; id <= count; id++)
        {
            var scale = 0.2 + rng.NextDouble() * 3;
            var v = new float[Dimensions];
            for (var i = 0; i < Dimensions; i++)
            {
                v[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            }
            result.Add((id, v));
        }
        return result;
    }
}
