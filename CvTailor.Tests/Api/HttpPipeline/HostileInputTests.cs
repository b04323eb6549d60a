using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CvTailor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>
/// The input policy (<c>InputPolicy</c>, <c>EmptyErrorBodies</c>): hostile text and malformed bodies are client errors
/// with a body naming the problem, never a 5xx, on the real Api and database.
/// </summary>
public sealed class HostileInputTests(ApiServerFixture api, ITestOutputHelper output) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    const int GeneratedRequests = 3000;

    [Fact]
    public async Task Thousands_of_generated_malformed_requests_get_no_5xx_and_every_error_has_a_body()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/artifacts/", new { title = "Fuzz target", description = "An artifact to aim at." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var artifactId = (await created.ReadJsonAsync())!["id"]!.GetValue<long>();

        var requests = new MalformedRequests(seed: 1414, artifactId).Generate(GeneratedRequests);
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentBag<string>();
        using var http = Server.CreateClient();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, ct) =>
        {
            using var message = request.ToMessage();
            if (request.Authenticated)
            {
                MalformedRequests.Authenticate(message, session.Access);
            }
            using var response = await http.SendAsync(message, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500)
            {
                failures.Add($"{status} {request.Method} {request.Path[..Math.Min(120, request.Path.Length)]} [{request.Description}]: {body[..Math.Min(300, body.Length)]}");
            }
            else if (status >= 400 && body.Length == 0 && !RejectedByKestrel(request, status))
            {
                failures.Add($"{status} without a body: {request.Method} {request.Path[..Math.Min(120, request.Path.Length)]} [{request.Description}]");
            }
        });
        stopwatch.Stop();

        var fiveHundreds = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        output.WriteLine($"{requests.Count} malformed requests in {stopwatch.Elapsed.TotalSeconds:F1} s; 5xx: {fiveHundreds}; statuses: "
                         + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(GeneratedRequests, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(25)));
        // The generator must actually reach the policy, not just bounce off authentication.
        Assert.True(statuses.GetValueOrDefault(400) > GeneratedRequests / 3, "too few 400s: the requests did not reach validation");
    }

    /// <summary>
    /// Kestrel itself refuses a NUL in the decoded path (400) and an over-long request line (414) before any of the
    /// application runs, with an empty body and a closed connection; no middleware can add a body to those.
    /// </summary>
    static bool RejectedByKestrel(MalformedRequest request, int status) =>
        (status == 400 && request.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal)) || status == 414;

    [Theory]
    [InlineData("{\"title\":\"a\\u0000b\",\"description\":\"d\"}", "title", "Null characters are not allowed.")]
    [InlineData("{\"title\":\"t\",\"description\":\"x\\ud800y\"}", "description", "Surrogate characters are not allowed")]
    [InlineData("{\"title\":\"t\",\"description\":\"d\",\"technologies\":[\"ok\",\"\\udc00\"]}", "technologies", "Surrogate characters are not allowed")]
    public async Task Json_text_with_nul_or_a_lone_surrogate_is_a_400_naming_the_field_and_writes_nothing(string body, string field, string message)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostRawAsync("/api/v1/artifacts/", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())![field]!.AsArray();
        Assert.StartsWith(message, errors[0]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = Server.CreateDbContext();
        Assert.False(db.Artifacts.Any(a => a.UserId == session.UserId));
    }

    [Fact]
    public async Task Query_string_with_nul_is_a_400_naming_the_parameter()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.GetAsync("/api/v1/artifacts/?search=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Null characters are not allowed.", (await response.ReadJsonAsync())!["search"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("metadata.title", "a\0b", "cv.pdf", "metadata.title")]
    [InlineData("metadata.title", "Title", "c\0v.pdf", "files")]
    public async Task Form_field_or_file_name_with_nul_is_a_400_naming_the_field(string name, string value, string fileName, string field)
    {
        var (client, _) = await Server.CreateUserClientAsync();
        const string boundary = "cvtailor-test-boundary";
        var body = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata.description\"\r\n\r\nd\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{fileName}\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n" +
            $"--{boundary}--\r\n");
        using var request = new MalformedRequest(HttpMethod.Post, "/api/v1/artifacts/upload/", body, $"multipart/form-data; boundary={boundary}", true, "").ToMessage();
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Null characters are not allowed.", (await response.ReadJsonAsync())![field]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("boundary")]
    public async Task Multipart_cut_short_or_with_a_broken_boundary_is_a_400(string how)
    {
        var (client, _) = await Server.CreateUserClientAsync();
        const string boundary = "cvtailor-test-boundary";
        var full = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"metadata.title\"\r\n\r\nTitle\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n" +
            $"--{boundary}--\r\n");
        var (body, contentType) = how == "cut"
            ? (full[..(full.Length / 2)], $"multipart/form-data; boundary={boundary}")
            : (full, "multipart/form-data; boundary=another-boundary");
        using var request = new MalformedRequest(HttpMethod.Post, "/api/v1/artifacts/upload/", body, contentType, true, "").ToMessage();
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Multipart form parse error", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/artifacts/99999999999999999999/")]
    [InlineData("/api/v1/artifacts/99999999999999999999")]
    [InlineData("/api/v1/generate/not-a-guid/")]
    [InlineData("/api/v1/no-such-area/")]
    public async Task Unmatched_paths_and_ids_beyond_range_are_404_problem_details(string path)
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.ReadJsonAsync())!;
        Assert.Equal(404, problem["status"]!.GetValue<int>());
        Assert.Equal("Not found.", problem["detail"]!.GetValue<string>());
    }
}
