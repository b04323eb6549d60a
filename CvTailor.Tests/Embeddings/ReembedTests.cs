using CvTailor.Data.Queue;
using CvTailor.Embeddings.Worker;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CvTailor.Tests.Embeddings;

/// <summary><c>reembed</c>: one job per artifact for the configured model; the worker rebuilds every vector.</summary>
public sealed class ReembedTests
{
    static IConfiguration Config(string connection, string? provider = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cvtailor"] = connection,
            ["Embeddings:Provider"] = provider,
        }).Build();

    [Fact]
    public async Task Reembed_enqueues_every_artifact_and_the_worker_rebuilds_the_vectors()
    {
        var connection = await TestPostgres.CreateDatabaseAsync("reembed");
        await using var data = WorkerRows.DataSource(connection);
        var (_, ids) = await WorkerRows.SeedAsync(data, 4, paragraphs: 1);
        var (otherUser, otherIds) = await WorkerRows.SeedAsync(data, 2, paragraphs: 1);

        await using (var worker = await EmbeddingsServer.StartAsync(connection))
        {
            await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, TimeSpan.FromSeconds(60), "first pass");
            var before = (await WorkerRows.VectorsOfAsync(data, ids[0]))[0];

            var output = new StringWriter();
            Assert.Equal(0, await ReembedCommand.RunAsync(["--model", "use-lite"], Config(connection), output, CancellationToken.None));
            Assert.Contains("6 job(s) enqueued for model 'use-lite'", output.ToString(), StringComparison.Ordinal);
            var onlyOne = new StringWriter();
            Assert.Equal(0, await ReembedCommand.RunAsync(["--user", otherUser.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                Config(connection), onlyOne, CancellationToken.None));
            Assert.Contains("2 job(s)", onlyOne.ToString(), StringComparison.Ordinal);

            var jobs = await Eventually.WaitAsync(() => WorkerRows.JobsAsync(data), WorkerRows.AllFinished, TimeSpan.FromSeconds(60), "re-embed");
            Assert.Equal(8, jobs.Count(j => j.Kind == EmbeddingJobKinds.Reembed && j.Status == EmbeddingJobStatuses.Done));
            var after = (await WorkerRows.VectorsOfAsync(data, ids[0]))[0];
            Assert.Equal(before.Id, after.Id);
            Assert.True(after.LastEmbeddingUpdate > before.LastEmbeddingUpdate, "a reembed job rebuilds even unchanged content");
            Assert.Equal(before.Chunks.Select(c => c.Hash), after.Chunks.Select(c => c.Hash));
            await WorkerRows.AssertOneCompleteVectorSetPerArtifactAsync(data, ids.Concat(otherIds));
        }
    }

    [Fact]
    public async Task A_model_other_than_the_configured_one_is_refused()
    {
        var output = new StringWriter();
        var code = await ReembedCommand.RunAsync(["--model", "text-embedding-3-small"], Config("Host=unused"), output, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("configured model is 'use-lite'", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("text-embedding-3-small", ReembedCommand.ConfiguredModelId(Config("Host=unused", "openai")));
    }
}
