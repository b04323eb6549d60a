using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Embeddings;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// The real Embeddings worker on a PostgreSQL of the test's own that is stopped and then paused: the worker sees the
/// outage, waits, and without a restart processes the jobs queued once the database is back.
/// </summary>
public sealed class WorkerOutageTests(ITestOutputHelper output)
{
    static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_waits_out_outages_and_resumes_its_queue()
    {
        await using var postgres = await OutagePostgres.StartAsync();
        await using var api = await ApiServer.StartAsync(new(TestDatabase.ProductionProbe), connectionString: postgres.ConnectionString);
        await using var embeddings = await EmbeddingsServer.StartAsync(postgres.ConnectionString, api.StorageRoot, new(TestDatabase.ProductionProbe));
        // Unpooled: the test's own reads must not meet connections the restart broke.
        await using var data = WorkerRows.DataSource(postgres.ConnectionString + ";Pooling=false");
        var availability = embeddings.Services.GetRequiredService<DatabaseAvailability>();
        var (client, _) = await api.CreateUserClientAsync();

        var before = await client.CreateAsync(new { title = "Before", description = "Queued while the database was up." });
        await WaitForVectorsAsync(data, before);

        await postgres.StopAsync();
        await WaitForAsync(() => !availability.IsAvailable, "the worker to see the stopped database");
        await postgres.RestartAsync();
        await ExpectResumedAsync(client, data, availability, "stopped");

        try
        {
            postgres.Pause();
            await WaitForAsync(() => !availability.IsAvailable, "the worker to see the paused database");
        }
        finally
        {
            postgres.Resume();
        }
        await ExpectResumedAsync(client, data, availability, "paused");

        // Nothing processed before the outages was lost.
        await WaitForVectorsAsync(data, before);
    }

    async Task ExpectResumedAsync(HttpClient client, Npgsql.NpgsqlDataSource data, DatabaseAvailability availability, string mode)
    {
        var watch = Stopwatch.StartNew();
        await WaitForAsync(() => availability.IsAvailable, $"the worker to see the {mode} database again");
        var id = await Eventually.WaitAsync(async () =>
        {
            using var response = await client.PostAsJsonAsync(ArtifactClient.Root,
                new { title = $"After {mode}", description = "Queued once the database was back." });
            var json = await response.ReadJsonAsync();
            // 503 while the Api has not seen the database back yet; anything else but 201 is a failure.
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {json}");
            return response.StatusCode == HttpStatusCode.Created ? json!["id"]!.GetValue<int>() : 0;
        }, id => id > 0, s_timeout, $"the Api to accept writes after the {mode} outage");
        await WaitForVectorsAsync(data, id);
        output.WriteLine($"{mode}: job queued after the outage processed {watch.Elapsed.TotalMilliseconds:F0} ms after the database came back");
    }

    static Task<IReadOnlyList<StoredArtifactVectors>> WaitForVectorsAsync(Npgsql.NpgsqlDataSource data, int artifactId) =>
        Eventually.WaitAsync(() => WorkerRows.VectorsOfAsync(data, artifactId), rows => rows.Count == 1, s_timeout, $"vectors of artifact {artifactId}");

    static Task<bool> WaitForAsync(Func<bool> condition, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(condition()), done => done, s_timeout, what);
}
