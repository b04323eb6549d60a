using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Queue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Tests.Embeddings;

/// <summary>What the worker wrote for an artifact, read straight from the tables (vectors included).</summary>
public sealed record StoredArtifactVectors(
    Guid Id, string Model, int Dimensions, string ProcessedContent, DateTime? LastEmbeddingUpdate, int TotalChunks,
    IReadOnlyList<StoredChunk> Chunks);

/// <param name="Narrow">Whether the vector is in the 512-wide column (else in the original vector(1536) one).</param>
public sealed record StoredChunk(int Index, string Content, string Hash, string Model, int Dimensions, float[] Vector, string Metadata, bool Narrow);

public static class WorkerRows
{
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

    public static CvTailorDbContext Db(NpgsqlDataSource dataSource) => new(Infrastructure.TestPostgres.DbContextOptions(dataSource));

    public static async Task<IReadOnlyList<StoredArtifactVectors>> VectorsOfAsync(NpgsqlDataSource dataSource, int artifactId)
    {
        await using var db = Db(dataSource);
        // One snapshot for the artifact row and its chunks: the worker may commit a new version between two reads.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var rows = await db.EnhancedArtifacts.AsNoTracking().Where(e => e.OriginalArtifactId == artifactId)
            .Select(e => new { e.Id, e.EmbeddingModel, e.EmbeddingDimensions, e.ProcessedContent, e.LastEmbeddingUpdate, e.TotalChunks })
            .ToListAsync();
        var result = new List<StoredArtifactVectors>();
        foreach (var row in rows)
        {
            var chunks = await db.ArtifactChunks.AsNoTracking().Where(c => c.ArtifactId == row.Id).OrderBy(c => c.ChunkIndex)
                .Select(c => new { c.ChunkIndex, c.Content, c.ContentHash, c.ModelUsed, c.EmbeddingDimensions, c.EmbeddingVector, c.EmbeddingVector512, c.Metadata })
                .ToListAsync();
            result.Add(new StoredArtifactVectors(row.Id, row.EmbeddingModel, row.EmbeddingDimensions, row.ProcessedContent,
                row.LastEmbeddingUpdate, row.TotalChunks,
                chunks.Select(c => new StoredChunk(c.ChunkIndex, c.Content, c.ContentHash, c.ModelUsed, c.EmbeddingDimensions,
                    (c.EmbeddingVector512 ?? c.EmbeddingVector)!.ToArray(), c.Metadata, c.EmbeddingVector512 is not null)).ToList()));
        }
        return result;
    }

    public static async Task<IReadOnlyList<EmbeddingJob>> JobsAsync(NpgsqlDataSource dataSource, int? artifactId = null)
    {
        await using var db = Db(dataSource);
        return await db.EmbeddingJobs.AsNoTracking().Where(j => artifactId == null || j.ArtifactId == artifactId)
            .OrderBy(j => j.Id).ToListAsync();
    }

    public static bool AllFinished(IReadOnlyList<EmbeddingJob> jobs) =>
        jobs.Count > 0 && jobs.All(j => j.Status is EmbeddingJobStatuses.Done or EmbeddingJobStatuses.Dead);

    /// <summary>Inserts a user and artifacts with an upsert job each, as the Api would (outbox), without the Api.</summary>
    public static async Task<(long UserId, int[] ArtifactIds)> SeedAsync(NpgsqlDataSource dataSource, int count, int paragraphs = 3)
    {
        await using var db = Db(dataSource);
        var user = new CvTailor.Data.Accounts.User
        {
            Email = $"seed-{Guid.NewGuid():N}@example.com",
            Username = $"seed-{Guid.NewGuid():N}",
            Password = "!",
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var artifacts = Enumerable.Range(0, count).Select(i => new Artifact
        {
            UserId = user.Id,
            Title = $"Project {i}",
            Description = string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(p => SampleText.Paragraph(i * 31 + p))),
            Technologies = """["PostgreSQL", "C#", "Kubernetes"]""",
        }).ToList();
        db.Artifacts.AddRange(artifacts);
        await db.SaveChangesAsync();
        foreach (var artifact in artifacts)
        {
            await EmbeddingQueue.EnqueueAsync(db, user.Id, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, CancellationToken.None);
        }
        await db.SaveChangesAsync();
        return (user.Id, artifacts.Select(a => a.Id).ToArray());
    }

    public static async Task AssertOneCompleteVectorSetPerArtifactAsync(NpgsqlDataSource data, IEnumerable<int> ids)
    {
        foreach (var id in ids)
        {
            var rows = await WorkerRows.VectorsOfAsync(data, id);
            var row = Assert.Single(rows);
            Assert.Equal(row.TotalChunks, row.Chunks.Count);
            Assert.Equal(Enumerable.Range(0, row.Chunks.Count), row.Chunks.Select(c => c.Index));
            Assert.True(row.Chunks.Count > 0);
        }
    }
}

/// <summary>Deterministic CV-like prose (no two paragraphs alike).</summary>
public static class SampleText
{
    static readonly string[] s_verbs = ["Designed", "Built", "Led", "Migrated", "Optimised", "Automated", "Shipped", "Refactored"];
    static readonly string[] s_things = ["a payment service", "the search pipeline", "a data warehouse", "the mobile app",
        "an observability stack", "the CI system", "a recommendation engine", "the billing platform"];
    static readonly string[] s_results = ["cutting latency by 40%", "for two million users", "with zero downtime",
        "saving 30 hours a week", "across four teams", "ahead of schedule"];

    public static string Paragraph(int seed)
    {
        var random = new Random(seed);
        var sentences = Enumerable.Range(0, 4 + random.Next(4)).Select(_ =>
            $"{s_verbs[random.Next(s_verbs.Length)]} {s_things[random.Next(s_things.Length)]} {s_results[random.Next(s_results.Length)]} (ref {random.Next(1000)}).");
        return string.Join(' ', sentences);
    }
}
