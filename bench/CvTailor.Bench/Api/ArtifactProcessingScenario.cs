using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using CvTailor.Bench.Embeddings;

namespace CvTailor.Bench.Api;

/// <summary>
/// Artifact processing end to end: R2 with five evidence links to a loopback site (200, 404, a two-hop redirect, a
/// 405-on-HEAD page, a 200 with a query), then R8 polled until the processing job has checked all five (R8 reaches
/// 90 %: the embedding job stays open, no embeddings service runs here). One call = create → processed. The first
/// poll comes <c>firstPoll</c> (default 10 ms) after the create; then the client does what a well-behaved client of
/// this Api does: it waits as long as the unfinished answer's hint says (<c>Retry-After-Ms</c>, else
/// <c>Retry-After</c>), and without a hint (or with <c>honourHints</c> off) backs off by doubling up to
/// <c>maxPoll</c>. A client that asks at its own pace asks "not yet" more often the longer jobs queue, and on a
/// saturated server those calls slow the jobs. The report also gives the server's own figures from the job rows
/// (created → completed), which do not depend on how often the client asks, and where the CPU went.
/// </summary>
public sealed class ArtifactProcessingScenario(TimeSpan firstPoll, TimeSpan maxPoll, bool honourHints) : IApiScenario, IScenarioDiagnostics, IDisposable
{
    IReadOnlyList<(string Email, string Access)> _users = [];
    Uri _site = null!;
    string _connectionString = "";
    int _polls;
    readonly ConcurrentBag<int> _created = [];
    readonly List<double> _jobMs = [];
    MeterListener? _listener;
    readonly RunResources _resources = new();

    public string Name => "artifact-processing";

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        _connectionString = host.ConnectionString;
        _users = await BenchUsers.RegisterAsync(client, 8, ct);
        _site = await StartSiteAsync(ct);
        // The server-side duration of each job (claim → completed), read from the Api's own instrument in this process.
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "cvtailor.artifact.processing.duration")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (_jobMs)
            {
                _jobMs.Add(seconds * 1000);
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _resources.Dispose();
    }

    public void Reset()
    {
        _resources.Start();
        Interlocked.Exchange(ref _polls, 0);
        _created.Clear();
        lock (_jobMs)
        {
            _jobMs.Clear();
        }
    }

    public async Task<string> ReportAsync(int requests, CancellationToken ct)
    {
        var resources = await _resources.StopAsync(requests, "artifact");
        // The job rows of this run: created (with the artifact) → completed, and completions per second of the run.
        await using var data = NpgsqlDataSource.Create(_connectionString);
        await using var command = data.CreateCommand("""
            SELECT extract(epoch FROM completed_at - created_at) * 1000,
                   extract(epoch FROM max(completed_at) OVER () - min(created_at) OVER ())
            FROM artifacts_artifactprocessingjob WHERE artifact_id = ANY($1) AND completed_at IS NOT NULL
            """);
        command.Parameters.AddWithValue(_created.ToArray());
        var rows = new List<double>();
        var span = double.NaN;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((double)reader.GetDecimal(0));
                span = (double)reader.GetDecimal(1);
            }
        }
        lock (_jobMs)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"  polls: first after {firstPoll.TotalMilliseconds:0} ms, then {(honourHints ? "as the answer's hint says, else " : "")}doubling to {maxPoll.TotalMilliseconds:0} ms: {(double)Volatile.Read(ref _polls) / requests:F1} status calls per artifact; server side: {rows.Count / span,5:F1} jobs/s, created → completed p50 {Percentiles.Of(rows, 50):F1} / p95 {Percentiles.Of(rows, 95):F1} ms, of which claim → completed p50 {Percentiles.Of(_jobMs, 50):F1} / p95 {Percentiles.Of(_jobMs, 95):F1} ms\n{resources}");
        }
    }

    public async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        var access = _users[index % _users.Count].Access;
        var body = new
        {
            title = $"Processed {index}", description = "Evidence-heavy project.",
            evidence_links = new[] { "/ok", "/missing", "/redirect/2", "/no-head", $"/ok?i={index}" }
                .Select(p => new { url = new Uri(_site, p).AbsoluteUri, link_type = "website" }),
        };
        int id;
        using (var create = AuthorizedRequests.Create(HttpMethod.Post, "/api/v1/artifacts/", access, JsonContent.Create(body)))
        using (var response = await client.SendAsync(create, ct))
        {
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }
            id = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<int>();
        }
        _created.Add(id);
        var wait = firstPoll;
        var backoff = firstPoll;
        while (true)
        {
            await Task.Delay(wait, ct);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, maxPoll.Ticks));
            Interlocked.Increment(ref _polls);
            using var status = AuthorizedRequests.Create(HttpMethod.Get, $"/api/v1/artifacts/{id}/status/", access);
            using var response = await client.SendAsync(status, ct);
            wait = (honourHints ? HintOf(response) : null) ?? backoff;
            var json = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            var state = json?["status"]?.GetValue<string>();
            if (state == "failed")
            {
                return false;
            }
            if (json?["progress_percentage"]?.GetValue<int>() >= 90)
            {
                return json["processed_evidence_count"]!.GetValue<int>() == 5;
            }
        }
    }

    /// <summary>The answer's "ask again in": <c>Retry-After-Ms</c>, else <c>Retry-After</c> in seconds.</summary>
    static TimeSpan? HintOf(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Retry-After-Ms", out var values)
            && double.TryParse(values.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        return response.Headers.RetryAfter?.Delta;
    }

    static async Task<Uri> StartSiteAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapMethods("/ok", ["GET", "HEAD"], () => Results.Text("ok"));
        app.MapMethods("/missing", ["GET", "HEAD"], () => Results.NotFound());
        app.MapMethods("/redirect/{n:int}", ["GET", "HEAD"], (int n) => Results.Redirect(n <= 1 ? "/ok" : $"/redirect/{n - 1}"));
        app.MapMethods("/no-head", ["GET", "HEAD"], (HttpContext c) =>
            HttpMethods.IsHead(c.Request.Method) ? Results.StatusCode(StatusCodes.Status405MethodNotAllowed) : Results.Text("ok"));
        // Runs until the bench process ends.
        await app.StartAsync(ct);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
