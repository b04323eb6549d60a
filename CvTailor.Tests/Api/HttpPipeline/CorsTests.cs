using System.Net;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>CORS (<c>Cors:AllowedOrigins</c>): preflight and actual requests from allowed and refused origins.</summary>
public sealed class CorsTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    static HttpRequestMessage Preflight(string path, string origin, string method = "POST", string headers = "authorization,content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("http://localhost:3001")]
    public async Task Development_defaults_answer_the_preflight_with_credentials_and_the_authorization_header(string origin)
    {
        using var request = Preflight("/api/v1/artifacts/", origin);
        using var response = await Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actual_request_from_an_allowed_origin_carries_the_cors_headers()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/profile/");
        request.Headers.Add("Origin", "http://localhost:3000");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:3000", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers")!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Retry-After-Ms", Header(response, "Access-Control-Expose-Headers")!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refused_origin_gets_no_cors_headers_on_preflight_or_actual_request()
    {
        using var preflight = Preflight("/api/v1/auth/login/", "http://evil.example");
        using var preflightResponse = await Server.Client.SendAsync(preflight);
        Assert.Null(Header(preflightResponse, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflightResponse, "Access-Control-Allow-Credentials"));
        Assert.Null(Header(preflightResponse, "Access-Control-Allow-Headers"));

        var (client, _) = await Server.CreateUserClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/profile/");
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Configured_origins_replace_the_defaults_and_production_has_none_by_default()
    {
        await using (var configured = await ApiServer.StartAsync(new() { ["Cors:AllowedOrigins:0"] = "https://cv.example.org/" }))
        {
            using var allowed = await configured.Client.SendAsync(Preflight("/api/v1/auth/login/", "https://cv.example.org"));
            Assert.Equal("https://cv.example.org", Header(allowed, "Access-Control-Allow-Origin"));
            using var formerDefault = await configured.Client.SendAsync(Preflight("/api/v1/auth/login/", "http://localhost:3000"));
            Assert.Null(Header(formerDefault, "Access-Control-Allow-Origin"));
        }

        await using var production = await ApiServer.StartAsync(environment: "Production");
        using var refused = await production.Client.SendAsync(Preflight("/api/v1/auth/login/", "http://localhost:3000"));
        Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
    }
}
