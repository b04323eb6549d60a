using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Waiting for the Api's artifact processing worker (no timing asserts: a generous limit only ends a hung test).</summary>
public static class ProcessingWaits
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>Until every processing job of the artifact is completed or failed.</summary>
    public static async Task WaitForProcessingAsync(this ApiServer server, int artifactId)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var open = await server.InDbAsync(db => db.ArtifactProcessingJobs
                .CountAsync(j => j.ArtifactId == artifactId && (j.Status == "pending" || j.Status == "processing")));
            if (open == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Artifact {artifactId} still has {open} open processing job(s).");
            }
            await Task.Delay(50);
        }
    }
}

/// <summary>An Api whose processing worker is off, for tests that look at rows exactly as the request wrote them.</summary>
public sealed class ProcessingOffApiServerFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync(new() { ["Evidence:WorkerEnabled"] = "false" });

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
