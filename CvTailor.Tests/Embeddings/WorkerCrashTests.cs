using System.Diagnostics;
using CvTailor.Data.Queue;
using CvTailor.Tests.EndToEnd;
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
        var (_, ids) = await WorkerRows.SeedAsync(data, 12);

        // The first worker pauses before each commit, so the kill lands inside running jobs.
        var first = StartWorker(connection, pauseBeforeCommit: "00:00:01.500");
        try
        {
            await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data),
                jobs => jobs.Count(j => j.Status == EmbeddingJobStatuses.Done) >= 2 && jobs.Any(j => j.Status == EmbeddingJobStatuses.Running),
                TimeSpan.FromSeconds(90), "the first worker to be mid-batch");
        }
        finally
        {
            first.Kill(entireProcessTree: true);   // SIGKILL: no shutdown, no rollback message, the lease just stops.
            await first.WaitForExitAsync();
        }
        var atKill = await WorkerRows.JobsAsync(data);
        var interrupted = atKill.Where(j => j.Status == EmbeddingJobStatuses.Running).Select(j => j.Id).ToHashSet();
        var doneBefore = atKill.Where(j => j.Status == EmbeddingJobStatuses.Done).ToDictionary(j => j.Id, j => j.CompletedAt);
        Assert.NotEmpty(interrupted);
        // Nothing of an interrupted job was committed.
        foreach (var job in atKill.Where(j => interrupted.Contains(j.Id)))
        {
            Assert.Empty(await WorkerRows.VectorsOfAsync(data, job.ArtifactId));
        }

        var second = StartWorker(connection, pauseBeforeCommit: "00:00:00");
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
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    static Process StartWorker(string connectionString, string pauseBeforeCommit)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(AppHostProcess.RepositoryRoot, "CvTailor.Embeddings", "bin", configuration, "net10.0", "CvTailor.Embeddings.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ConnectionStrings__cvtailor"] = connectionString;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Embeddings__Worker__Concurrency"] = "3";
        info.Environment["Embeddings__Worker__Lease"] = "00:00:03";
        info.Environment["Embeddings__Worker__PollInterval"] = "00:00:00.500";
        info.Environment["Embeddings__Worker__PauseBeforeCommit"] = pauseBeforeCommit;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
