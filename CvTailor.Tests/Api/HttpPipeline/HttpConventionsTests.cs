using System.Net;
using System.Net.Http.Json;
using CvTailor.Api.DrfContract;
using CvTailor.Data.Accounts;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>The shared conventions (§2.1): 405 body, API description, endpoint protection, pagination, 500s.</summary>
public sealed class HttpConventionsTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Theory]
    [InlineData("/api/v1/auth/login/")]
    [InlineData("/api/v1/auth/login")]
    public async Task Wrong_method_is_405_with_drfs_body(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("""{"detail":"Method \"GET\" not allowed."}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_accounts_endpoints()
    {
        using var response = await Server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync())!["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var path in new[] { "/api/v1/auth/register/", "/api/v1/auth/login/", "/api/v1/auth/token/refresh/", "/api/v1/auth/profile/", "/api/v1/auth/google/link/" })
        {
            Assert.Contains(path, paths);
        }
        using var scalar = await Server.Client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_declares_the_bearer_scheme_only_where_a_user_is_needed()
    {
        using var response = await Server.Client.GetAsync("/openapi/v1.json");
        var document = (await response.ReadJsonAsync())!;
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", scheme["bearerFormat"]!.GetValue<string>());

        var paths = document["paths"]!;
        var profile = paths["/api/v1/auth/profile/"]!["get"]!["security"]!.AsArray();
        Assert.Contains(profile, requirement => requirement!.AsObject().ContainsKey("Bearer"));
        Assert.Null(paths["/api/v1/auth/login/"]!["post"]!["security"]);
        Assert.Null(paths["/api/v1/auth/register/"]!["post"]!["security"]);
    }

    [Fact]
    public async Task Api_documentation_is_off_outside_development()
    {
        await using var server = await ApiServer.StartAsync(environment: "Production");
        using var response = await server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Every_api_endpoint_states_whether_it_needs_a_user()
    {
        // An endpoint under /api/ with neither RequireAuthorization nor AllowAnonymous is a mistake waiting to leak.
        var endpoints = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        var undecided = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(undecided);
    }

    [Fact]
    public async Task Pagination_pages_like_drf()
    {
        await using var db = Server.CreateDbContext();
        var marker = $"page-{Guid.NewGuid():N}";
        for (var i = 0; i < 45; i++)
        {
            db.Users.Add(new User { Email = $"{marker}-{i:D2}@example.com", Username = $"{marker}-{i:D2}@example.com", Password = "!x" });
        }
        await db.SaveChangesAsync();
        var query = db.Users.AsNoTracking().Where(u => u.Email.StartsWith(marker)).OrderBy(u => u.Email).Select(u => u.Email);

        var first = await PageAsync(query, "?search=a%20b&page=1");
        Assert.Equal(45, first.Count);
        Assert.Equal(20, first.Results.Count);
        Assert.Equal($"{marker}-00@example.com", first.Results[0]);
        Assert.Equal("http://api.test/api/v1/things/?page=2&search=a%20b", first.Next);
        Assert.Null(first.Previous);

        var second = await PageAsync(query, "?page=2&search=a%20b");
        Assert.Equal("http://api.test/api/v1/things/?search=a%20b", second.Previous);
        Assert.Equal("http://api.test/api/v1/things/?page=3&search=a%20b", second.Next);

        var last = await PageAsync(query, "?page=last");
        Assert.Equal(5, last.Results.Count);
        Assert.Null(last.Next);
        Assert.Equal("http://api.test/api/v1/things/?page=2", last.Previous);

        foreach (var bad in new[] { "?page=4", "?page=0", "?page=-1", "?page=abc", "?page=1.0" })
        {
            var result = await query.ToPageAsync(Request(bad), CancellationToken.None);
            var notFound = Assert.IsType<NotFound<ApiDetail>>(result.Result);
            Assert.Equal("Invalid page.", notFound.Value!.Detail);
        }

        // Page 1 of nothing exists.
        var empty = await PageAsync(query.Where(_ => false), "");
        Assert.Equal(0, empty.Count);
        Assert.Empty(empty.Results);
    }

    [Fact]
    public async Task Unexpected_errors_are_bare_problem_details()
    {
        var missing = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = $"missing_{Guid.NewGuid():N}" }.ConnectionString;
        await using var server = await ApiServer.StartAsync(new() { ["ConnectionStrings:cvtailor"] = missing });
        using var response = await server.Client.PostAsJsonAsync("/api/v1/auth/login/", new { email = "a@example.com", password = "whatever-it-is" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("missing_", body, StringComparison.Ordinal);
        Assert.Equal(500, (await response.ReadJsonAsync())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_missing_signing_key_stops_startup_outside_development()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApiServer.StartAsync(new() { ["Auth:Jwt:SigningKey"] = "" }, environment: "Production"));
        Assert.Contains("Auth:Jwt:SigningKey", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApiServer.StartAsync(new() { ["Auth:Jwt:SigningKey"] = "too-short" }, environment: "Production"));

        // Development falls back to a per-process key, and tokens work.
        await using var server = await ApiServer.StartAsync(new() { ["Auth:Jwt:SigningKey"] = "" });
        var (client, _) = await server.CreateUserClientAsync();
        using var response = await client.GetAsync("/api/v1/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("2025-09-23T04:02:00.1234567Z", "2025-09-23T04:02:00.123456Z")]
    [InlineData("2025-09-23T04:02:00Z", "2025-09-23T04:02:00.000000Z")]
    public void Datetimes_are_written_with_microseconds_and_z(string input, string expected)
    {
        var value = DateTime.Parse(input, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, UtcDateTimeJsonConverter.ToContractString(value));
        Assert.Equal(expected, UtcDateTimeJsonConverter.ToContractString(DateTime.SpecifyKind(value, DateTimeKind.Unspecified)));
    }

    static async Task<PagedResult<string>> PageAsync(IQueryable<string> query, string queryString)
    {
        var result = await query.ToPageAsync(Request(queryString), CancellationToken.None);
        return Assert.IsType<Ok<PagedResult<string>>>(result.Result).Value!;
    }

    static HttpRequest Request(string queryString)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("api.test");
        context.Request.Path = "/api/v1/things/";
        context.Request.QueryString = new QueryString(queryString);
        return context.Request;
    }
}
