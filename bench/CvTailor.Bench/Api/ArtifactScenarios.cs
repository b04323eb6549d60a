using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CvTailor.Bench.Api;

/// <summary>Requests made on behalf of bench users (each call carries its own bearer token).</summary>
static class AuthorizedRequests
{
    public static HttpRequestMessage Create(HttpMethod method, string url, string access, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return request;
    }

    /// <summary>A realistic artifact: a paragraph of description, a handful of technologies, two evidence links.</summary>
    public static object ArtifactBody(int i) => new
    {
        title = string.Create(CultureInfo.InvariantCulture, $"Project {i}: event-driven billing platform"),
        description = string.Concat(Enumerable.Repeat(
            "Designed and built a service that ingests usage events, aggregates them per customer and issues invoices. ", 5)),
        artifact_type = i % 3 == 0 ? "experience" : "project",
        start_date = "2022-01-15",
        end_date = i % 2 == 0 ? "2023-06-30" : null,
        technologies = new[] { "C#", "PostgreSQL", "Kafka", i % 2 == 0 ? "Docker" : "Kubernetes", "gRPC" },
        collaborators = new[] { "ada@example.com" },
        evidence_links = new[]
        {
            new { url = "https://github.com/example/billing", link_type = "github", description = "Source" },
            new { url = "https://billing.example.com", link_type = "live_app", description = "Live" },
        },
    };
}

/// <summary>R2: create an artifact with two evidence links (one transaction, embedding job included), 8 users in turn.</summary>
public sealed class ArtifactCreateScenario : IApiScenario
{
    IReadOnlyList<(string Email, string Access)> _users = [];

    public string Name => "artifact-create";

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct) =>
        _users = await BenchUsers.RegisterAsync(client, 8, ct);

    public async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        using var request = AuthorizedRequests.Create(HttpMethod.Post, "/api/v1/artifacts/", _users[index % _users.Count].Access,
            JsonContent.Create(AuthorizedRequests.ArtifactBody(index)));
        using var response = await client.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.Created;
    }
}

/// <summary>R1: first page (20 of 100 artifacts, each with two links) for 8 users who each own 100 artifacts.</summary>
public sealed class ArtifactListScenario(string name, string query) : IApiScenario
{
    public const int ArtifactsPerUser = 100;

    IReadOnlyList<(string Email, string Access)> _users = [];

    public string Name => name;

    public async Task PrepareAsync(BenchHost host, HttpClient client, int requests, CancellationToken ct)
    {
        _users = await BenchUsers.RegisterAsync(client, 8, ct);
        foreach (var (_, access) in _users)
        {
            for (var i = 0; i < ArtifactsPerUser; i++)
            {
                using var request = AuthorizedRequests.Create(HttpMethod.Post, "/api/v1/artifacts/", access,
                    JsonContent.Create(AuthorizedRequests.ArtifactBody(i)));
                using var response = await client.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"artifact create failed: {(int)response.StatusCode}");
                }
            }
        }
    }

    public async Task<bool> CallAsync(HttpClient client, int index, CancellationToken ct)
    {
        using var request = AuthorizedRequests.Create(HttpMethod.Get, "/api/v1/artifacts/" + query, _users[index % _users.Count].Access);
        using var response = await client.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }
        // Read the whole body: serialisation is part of the cost.
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return body.Length > 0;
    }
}
