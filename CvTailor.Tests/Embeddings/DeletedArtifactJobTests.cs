using CvTailor.Data.Queue;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// Jobs queued for an artifact that is deleted before they run: every one completes on its first attempt (none is
/// retried or dead-lettered), and the artifact's <c>enhanced_artifacts</c> and <c>artifact_chunks</c> rows are gone
/// (<c>original_artifact_id</c> is a soft reference, so removing them is the worker's job, not a foreign key's).
/// </summary>
public sealed class DeletedArtifactJobTests
{
    static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Upserts_queued_for_deleted_artifacts_complete_and_remove_their_vectors()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("deleted-artifact");
        await using var data = WorkerRows.DataSource(connection);
        var (userId, ids) = await WorkerRows.SeedAsync(data, 4, paragraphs: 1);
        var (embeddedThenUpsert, embeddedThenUpsertAndDelete, neverEmbedded, kept) = (ids[0], ids[1], ids[2], ids[3]);
        await using (var db = WorkerRows.Db(data))
        {
            // neverEmbedded's job is not run in the first pass.
            await db.EmbeddingJobs.Where(j => j.ArtifactId == neverEmbedded).ExecuteDeleteAsync();
        }

        await using (await EmbeddingsServer.StartAsync(connection))
        {
            await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, s_timeout, "first pass");
        }
        foreach (var id in new[] { embeddedThenUpsert, embeddedThenUpsertAndDelete, kept })
        {
            Assert.NotEmpty(Assert.Single(await WorkerRows.VectorsOfAsync(data, id)).Chunks);
        }
        var firstPass = (await WorkerRows.JobsAsync(data)).Select(j => j.Id).ToHashSet();

        // With no worker running: an upsert is queued and then the artifact disappears (with and without the
        // delete job the Api writes), and a fresh artifact's upsert is queued then deleted before any vector exists.
        await using (var db = WorkerRows.Db(data))
        {
            foreach (var id in new[] { embeddedThenUpsert, embeddedThenUpsertAndDelete, neverEmbedded })
            {
                await EmbeddingQueue.EnqueueAsync(db, userId, id, EmbeddingJobKinds.ArtifactUpsert, CancellationToken.None);
            }
            await db.SaveChangesAsync();
            await db.Artifacts.Where(a => a.Id == embeddedThenUpsert || a.Id == embeddedThenUpsertAndDelete || a.Id == neverEmbedded)
                .ExecuteDeleteAsync();
            foreach (var id in new[] { embeddedThenUpsertAndDelete, neverEmbedded })
            {
                await EmbeddingQueue.EnqueueAsync(db, userId, id, EmbeddingJobKinds.ArtifactDelete, CancellationToken.None);
            }
            await db.SaveChangesAsync();
        }

        await using (await EmbeddingsServer.StartAsync(connection))
        {
            var jobs = await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, s_timeout, "second pass");
            var second = jobs.Where(j => !firstPass.Contains(j.Id)).ToList();
            Assert.Equal(5, second.Count);
            Assert.All(second, j =>
            {
                Assert.Equal(EmbeddingJobStatuses.Done, j.Status);
                Assert.Equal(1, j.Attempts);
                Assert.Null(j.LastError);
            });
        }

        foreach (var id in new[] { embeddedThenUpsert, embeddedThenUpsertAndDelete, neverEmbedded })
        {
            Assert.Empty(await WorkerRows.VectorsOfAsync(data, id));
        }
        Assert.NotEmpty(Assert.Single(await WorkerRows.VectorsOfAsync(data, kept)).Chunks);
        await using (var db = WorkerRows.Db(data))
        {
            // No chunk outlives its enhanced_artifacts row.
            Assert.Equal(0, await db.ArtifactChunks.CountAsync(c => !db.EnhancedArtifacts.Any(e => e.Id == c.ArtifactId)));
            Assert.Equal(1, await db.EnhancedArtifacts.CountAsync(e => e.UserId == userId));
        }
    }
}
