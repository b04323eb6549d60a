using System.Net;
using System.Net.Http.Json;
using CvTailor.Api.HttpPipeline;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>
/// Bounded admission on the real Api: a request held up in PostgreSQL (the test locks the artifacts table) keeps the
/// one slot, the next waits in the queue, one more is turned away with 503 + Retry-After, and exempt or non-API paths
/// are not held up; when the lock goes, the waiting request is served.
/// </summary>
public sealed class RequestAdmissionTests
{
    [Fact]
    public async Task Requests_beyond_the_slots_wait_in_order_and_a_full_queue_answers_503()
    {
        await using var server = await StartWithOneSlotAsync();
        var (client, session) = await server.CreateUserClientAsync();
        await client.CreateAsync(new { title = "Held", description = "Listed once the lock goes." });
        var gate = server.Services.GetRequiredService<AdmissionGate>();
        await using var held = await ArtifactsLock.TakeAsync(server);

        var first = client.GetAsync(ArtifactClient.Root);
        await WaitForAsync(() => gate.Statistics!.CurrentAvailablePermits == 0, "the first request to take the slot");
        var second = client.GetAsync(ArtifactClient.Root);
        await WaitForAsync(() => gate.Statistics!.CurrentQueuedCount == 1, "the second request to queue");

        using (var third = await client.GetAsync(ArtifactClient.Root))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(RequestAdmission.RetryAfterSeconds), third.Headers.RetryAfter?.Delta);
            var problem = await third.ReadJsonAsync();
            Assert.Equal(RequestAdmission.BusyTitle, problem!["title"]!.GetValue<string>());
        }
        // Not held up: liveness (outside /api) and login (exempt: it waits for a hash slot of its own).
        using (var alive = await server.Client.GetAsync("/alive"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        using (var login = await server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = session.Email, password = session.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        await held.ReleaseAsync();
        foreach (var waiting in new[] { first, second })
        {
            using var response = await waiting;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Held", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(1, gate.Statistics!.CurrentAvailablePermits);
        Assert.Equal(0, gate.Statistics.CurrentQueuedCount);
    }

    [Fact]
    public async Task A_client_that_leaves_while_queued_gives_its_place_up()
    {
        await using var server = await StartWithOneSlotAsync();
        var (client, _) = await server.CreateUserClientAsync();
        var gate = server.Services.GetRequiredService<AdmissionGate>();
        await using var held = await ArtifactsLock.TakeAsync(server);
        var first = client.GetAsync(ArtifactClient.Root);
        await WaitForAsync(() => gate.Statistics!.CurrentAvailablePermits == 0, "the first request to take the slot");

        using (var leaving = new CancellationTokenSource())
        {
            var queued = client.GetAsync(ArtifactClient.Root, leaving.Token);
            await WaitForAsync(() => gate.Statistics!.CurrentQueuedCount == 1, "the second request to queue");
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        }
        await WaitForAsync(() => gate.Statistics!.CurrentQueuedCount == 0, "the queue to empty when its client left");

        // Its place is free again: another request queues instead of being turned away.
        var next = client.GetAsync(ArtifactClient.Root);
        await WaitForAsync(() => gate.Statistics!.CurrentQueuedCount == 1, "the next request to queue");
        await held.ReleaseAsync();
        using var firstResponse = await first;
        using var nextResponse = await next;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextResponse.StatusCode);
    }

    [Fact]
    public void The_default_bound_is_twice_the_cores_and_a_negative_value_turns_it_off()
    {
        Assert.Equal(2 * Environment.ProcessorCount, new AdmissionOptions().EffectiveConcurrentRequests);
        using var off = new AdmissionGate(Microsoft.Extensions.Options.Options.Create(new AdmissionOptions { ConcurrentRequests = -1 }));
        Assert.False(off.Enabled);
        Assert.Null(off.Statistics);
    }

    /// <summary>One slot, one place in the queue.</summary>
    static Task<ApiServer> StartWithOneSlotAsync() => ApiServer.StartAsync(new()
    {
        ["Api:Admission:ConcurrentRequests"] = "1",
        ["Api:Admission:QueueLimit"] = "1",
    });

    /// <summary>The artifacts table locked by a transaction of the test's own: the Api's reads of it wait.</summary>
    sealed class ArtifactsLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public static async Task<ArtifactsLock> TakeAsync(ApiServer server)
        {
            var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("LOCK TABLE artifacts_artifact IN ACCESS EXCLUSIVE MODE", connection, transaction);
            await command.ExecuteNonQueryAsync();
            return new ArtifactsLock(connection, transaction);
        }

        public Task ReleaseAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
