using CvTailor.Data.Queue;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CvTailor.Tests.Embeddings;

/// <summary>The queue's guarantees with in-process workers: retries and dead-lettering, several workers at once.</summary>
public sealed class WorkerQueueTests
{
    static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_failing_job_is_retried_with_backoff_then_dead_lettered_with_its_error()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deadletter");
        await using var data = WorkerRows.DataSource(connection);
        var (_, ids) = await WorkerRows.SeedAsync(data, 1);
        await using (var db = WorkerRows.Db(data))
        {
            await db.EmbeddingJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.MaxAttempts, 3));
        }

        // The openai provider pointed at a loopback port nobody listens on: every attempt fails.
        await using var worker = await EmbeddingsServer.StartAsync(connection, overrides: new()
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:OpenAI:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Embeddings:OpenAI:Model"] = "unreachable-model",
            ["Embeddings:OpenAI:Dimensions"] = "1536",
            ["Embeddings:OpenAI:Timeout"] = "00:00:02",
            ["Embeddings:Worker:BaseBackoff"] = "00:00:00.300",
        });

        var jobs = await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, s_timeout, "dead letter");
        var job = Assert.Single(jobs);
        Assert.Equal(EmbeddingJobStatuses.Dead, job.Status);
        Assert.Equal(3, job.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(job.LastError));
        Assert.Null(job.LockedBy);
        // Back-off: the last attempt was scheduled after the first two (0.3 s, then 0.6 s, ±20 %).
        Assert.True(job.UpdatedAt - job.CreatedAt >= TimeSpan.FromSeconds(0.7), $"{job.UpdatedAt - job.CreatedAt}");
        Assert.Empty(await WorkerRows.VectorsOfAsync(data, ids[0]));
    }

    [Fact]
    public async Task Three_workers_share_the_queue_and_every_job_is_done_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("workers");
        await using var data = WorkerRows.DataSource(connection);
        var (userId, ids) = await WorkerRows.SeedAsync(data, 30, paragraphs: 2);
        // A second job for a third of the artifacts: jobs of one artifact must not interleave.
        await using (var db = WorkerRows.Db(data))
        {
            foreach (var id in ids.Where(i => i % 3 == 0))
            {
                await EmbeddingQueue.EnqueueAsync(db, userId, id, EmbeddingJobKinds.ArtifactUpsert, CancellationToken.None);
            }
            await db.SaveChangesAsync();
        }

        var settings = new Dictionary<string, string?> { ["Embeddings:Worker:Concurrency"] = "2" };
        await using var a = await EmbeddingsServer.StartAsync(connection, overrides: settings);
        await using var b = await EmbeddingsServer.StartAsync(connection, overrides: settings);
        await using var c = await EmbeddingsServer.StartAsync(connection, overrides: settings);

        var jobs = await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, s_timeout, "all jobs");
        Assert.All(jobs, j => Assert.Equal(EmbeddingJobStatuses.Done, j.Status));
        Assert.True(jobs.Select(j => j.LockedBy).Distinct().Count() >= 2, "more than one worker took part");
        await WorkerRows.AssertOneCompleteVectorSetPerArtifactAsync(data, ids);
    }
}
