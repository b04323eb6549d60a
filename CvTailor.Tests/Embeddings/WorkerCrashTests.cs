using CvTailor.Data.Queue;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// A real worker process (<c>dotnet CvTailor.Embeddings.dll</c>) is SIGKILLed while it holds jobs mid-transaction; a
/// new process takes over once the leases expire. Every job ends done exactly once, with one complete set of
/// vectors per artifact and no duplicate chunks.
/// </summary>
public sealed class WorkerCrashTests
{
    [Fact]
    public async Task Killing_the_worker_mid_batch_loses_no_job_and_duplicates_nothing()
    {
        EmbeddingsServer.EnsureModel();
        var connection = await TestPostgres.CreateDatabaseAsync("crash");
        await using var data = WorkerRows.DataSource(connection);
        var (_, ids) = await WorkerRows.SeedAsync(data, 24);

        // The first worker pauses before each commit, so the kill lands inside running jobs. Jobs claimed together
        // commit together: on a loaded machine all of them can commit between the read that saw them running and the
        // kill, and then no job was interrupted; such an attempt proves nothing, so a new first worker tries again.
        IReadOnlyList<EmbeddingJob> atKill = [];
        var interrupted = new HashSet<long>();
        for (var attempt = 1; attempt <= 3 && interrupted.Count == 0; attempt++)
        {
            await using var first = StartWorker(connection, pauseBeforeCommit: "00:00:01.500");
            var doneSoFar = atKill.Count(j => j.Status == EmbeddingJobStatuses.Done);
            try
            {
                await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data),
                    jobs => jobs.Count(j => j.Status == EmbeddingJobStatuses.Done) >= doneSoFar + 2 && jobs.Any(j => j.Status == EmbeddingJobStatuses.Running),
                    TimeSpan.FromSeconds(90), "the first worker to be mid-batch");
            }
            finally
            {
                await first.KillAsync();   // SIGKILL: no shutdown, no rollback message, the lease just stops.
            }
            atKill = await WorkerRows.JobsAsync(data);
            interrupted = atKill.Where(j => j.Status == EmbeddingJobStatuses.Running).Select(j => j.Id).ToHashSet();
        }
        var doneBefore = atKill.Where(j => j.Status == EmbeddingJobStatuses.Done).ToDictionary(j => j.Id, j => j.CompletedAt);
        Assert.NotEmpty(interrupted);
        // Nothing of an interrupted job was committed.
        foreach (var job in atKill.Where(j => interrupted.Contains(j.Id)))
        {
            Assert.Empty(await WorkerRows.VectorsOfAsync(data, job.ArtifactId));
        }

        await using var second = StartWorker(connection, pauseBeforeCommit: "00:00:00");
        try
        {
            var jobs = await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data),
                j => j.All(x => x.Status == EmbeddingJobStatuses.Done), TimeSpan.FromSeconds(120), "every job done");
            Assert.Equal(ids.Length, jobs.Count);
            foreach (var job in jobs)
            {
                if (interrupted.Contains(job.Id))
                {
                    Assert.Equal(2, job.Attempts);                     // claimed again after the lease expired
                }
                else if (doneBefore.TryGetValue(job.Id, out var completed))
                {
                    Assert.Equal(completed, job.CompletedAt);         // finished once, never redone
                }
            }
            await WorkerRows.AssertOneCompleteVectorSetPerArtifactAsync(data, ids);
        }
        finally
        {
            await second.KillAsync();
        }
    }

    static EmbeddingsProcess StartWorker(string connectionString, string pauseBeforeCommit) =>
        EmbeddingsProcess.Start(connectionString, settings: new Dictionary<string, string>
        {
            ["Embeddings__Worker__Concurrency"] = "3",
            ["Embeddings__Worker__Lease"] = "00:00:03",
            ["Embeddings__Worker__PollInterval"] = "00:00:00.500",
            ["Embeddings__Worker__PauseBeforeCommit"] = pauseBeforeCommit,
        });
}
