using CvTailor.Api.Artifacts.Processing;
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
using CvTailor.Bench.Embeddings;

namespace CvTailor.Bench.Api;

/// <summary>
/// Artifact processing end to end: R2 with five evidence links to a loopback site (200, 404, a two-hop redirect, a
/// 405-on-HEAD page, a 200 with a query), then R8 polled every 10 ms until the processing job has checked all five
/// (R8 reaches 90 %: the embedding job stays open, no embeddings service runs here). One call = create → processed.
/// </summary>
public sealed class ArtifactProcessingScenario(TimeSpan pollInterval) : IApiScenario, IScenarioDiagnostics, IDisposable
{
    IReadOnlyList<(string Email, string Access)> _users = [];
    Uri _site = null!;
    int _polls;
    readonly List<double> _jobSeconds = [];
    MeterListener? _listener;

    public string Name => "artifact-processing";

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct)
    {
        _users = await BenchUsers.RegisterAsync(client, 8, ct);
        _site = await StartSiteAsync(ct);
        // The server-side duration of each job (claim → completed), read from the Api's own instrument in this process.
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument, EvidenceTelemetry.ProcessingDuration))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (_jobSeconds)
            {
                _jobSeconds.Add(seconds * 1000);
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener?.Dispose();

    public void Reset()
    {
        Interlocked.Exchange(ref _polls, 0);
        lock (_jobSeconds)
        {
            _jobSeconds.Clear();
        }
    }

    public string Report(int requests)
    {
        lock (_jobSeconds)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"  polls every {pollInterval.TotalMilliseconds:0} ms: {(double)Volatile.Read(ref _polls) / requests:F1} status calls per artifact; server-side job (claim → completed) p50 {Percentiles.Of(_jobSeconds, 50):F1} ms, p95 {Percentiles.Of(_jobSeconds, 95):F1} ms over {_jobSeconds.Count} jobs");
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
        while (true)
        {
            Interlocked.Increment(ref _polls);
            using var status = AuthorizedRequests.Create(HttpMethod.Get, $"/api/v1/artifacts/{id}/status/", access);
            using var response = await client.SendAsync(status, ct);
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
            await Task.Delay(pollInterval, ct);
        }
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
