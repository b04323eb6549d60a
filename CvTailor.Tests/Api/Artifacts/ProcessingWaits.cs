using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>Waiting for the Api's artifact processing worker (no timing asserts: a generous limit only ends a hung test).</summary>
public static class ProcessingWaits
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>Until every processing job of the artifact is completed or failed.</summary>
    public static Task WaitForProcessingAsync(this ApiServer server, int artifactId) =>
        Eventually.WaitAsync(
            () => server.InDbAsync(db => db.ArtifactProcessingJobs
                .CountAsync(j => j.ArtifactId == artifactId && (j.Status == "pending" || j.Status == "processing"))),
            open => open == 0, Limit, $"artifact {artifactId}'s open processing jobs to reach 0");
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
