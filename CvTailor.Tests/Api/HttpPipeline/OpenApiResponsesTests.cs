using System.Text.Json.Nodes;
using CvTailor.Api.Auth;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>
/// The OpenAPI document describes every answer an operation gives (typed results, the body's own failures, the
/// authorization and throttling answers), so clients can be generated from it. See <see cref="OpenApiResponseRules"/>.
/// </summary>
public sealed class OpenApiResponsesTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Every_operation_documents_its_success_and_error_answers()
    {
        using var response = await api.Server.Client.GetAsync("/openapi/v1.json");
        var document = (await response.ReadJsonAsync())!;
        var operations = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            .Sum(p => p.Value!.AsObject().Count);
        Assert.True(operations > 60, $"only {operations} operations under /api/ in the document");

        var problems = OpenApiResponseRules.Problems(document, RequiredByMetadata(api.Server.Services));
        Assert.True(problems.Count == 0, $"{problems.Count} gaps:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Staff_only_operations_are_marked_as_such()
    {
        using var response = await api.Server.Client.GetAsync("/openapi/v1.json");
        var paths = (await response.ReadJsonAsync())!["paths"]!;
        foreach (var method in new[] { "post", "put", "patch", "delete" })
        {
            var operation = method == "post"
                ? paths["/api/v1/llm/circuit-breakers/"]!["post"]!
                : paths["/api/v1/llm/circuit-breakers/{modelName}/"]![method]!;
            Assert.True(operation["responses"]!.AsObject().ContainsKey("403"), $"{method}: no 403");
        }
        Assert.False(paths["/api/v1/llm/circuit-breakers/{modelName}/"]!["get"]!["responses"]!.AsObject().ContainsKey("403"));
    }

    [Theory]
    [InlineData("/api/v1/artifacts/{artifactId}/upload/", "files")]
    [InlineData("/api/v1/artifacts/upload/", "files")]
    [InlineData("/api/v1/artifacts/upload-file/", "file")]
    public async Task Upload_operations_describe_their_multipart_form(string path, string fileField)
    {
        using var response = await api.Server.Client.GetAsync("/openapi/v1.json");
        var document = (await response.ReadJsonAsync())!;
        var content = document["paths"]![path]!["post"]!["requestBody"]!["content"]!.AsObject();
        Assert.Equal(["multipart/form-data"], content.Select(c => c.Key));
        var schema = Resolve(document, content["multipart/form-data"]!["schema"]!);
        var file = Resolve(document, schema["properties"]![fileField]!);
        var binary = file["type"]?.ToString() == "array" ? Resolve(document, file["items"]!) : file;
        Assert.True(binary["format"]?.GetValue<string>() == "binary", $"{fileField}: {file.ToJsonString()}");
    }

    /// <summary>A schema with its reference followed and, when it may be null, its non-null alternative.</summary>
    static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        if (schema["oneOf"] is JsonArray alternatives)
        {
            schema = alternatives.Single(a => a!["type"]?.ToString() != "null")!;
        }
        return schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!
            : schema;
    }

    [Fact]
    public void The_rules_report_every_missing_answer()
    {
        // An operation that needs a user, names a resource and reads a body, documenting only its 200.
        var document = JsonNode.Parse("""
            {"paths": {
              "/api/v1/things/{id}/": {"put": {
                "security": [{"Bearer": []}],
                "requestBody": {"content": {"application/json": {}}},
                "responses": {"200": {"content": {"application/json": {}}}, "409": {"description": "no body"}}}},
              "/api/v1/things/": {"get": {"responses": {"404": {"content": {"application/json": {}}}}}},
              "/openapi/ignored/": {"get": {"responses": {}}}
            }}
            """)!;
        var problems = OpenApiResponseRules.Problems(document, (path, method) => path == "/api/v1/things/{id}/" ? [403, 429] : []);
        Assert.Equal(
            [
                "PUT /api/v1/things/{id}/: 400 not documented",
                "PUT /api/v1/things/{id}/: 401 not documented",
                "PUT /api/v1/things/{id}/: 403 not documented",
                "PUT /api/v1/things/{id}/: 404 not documented",
                "PUT /api/v1/things/{id}/: 429 not documented",
                "PUT /api/v1/things/{id}/: 409 has no media type",
                "GET /api/v1/things/: no 2xx response",
            ],
            problems);
    }

    [Theory]
    [InlineData("/api/v1/artifacts/{id:int}/", "/api/v1/artifacts/{id}/")]
    [InlineData("/api/v1/export/{id:guid}/download", "/api/v1/export/{id}/download/")]
    [InlineData("/api/v1/llm/circuit-breakers/{modelName}/", "/api/v1/llm/circuit-breakers/{modelName}/")]
    public void Route_templates_map_to_document_paths(string template, string path) =>
        Assert.Equal(path, OpenApiResponseRules.DocumentPath(template));

    /// <summary>403 for the staff policy, 429 for a rate-limit policy, from each endpoint's own metadata.</summary>
    static Func<string, string, IEnumerable<int>> RequiredByMetadata(IServiceProvider services)
    {
        var required = new Dictionary<(string, string), List<int>>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.RawText is not { } template || !template.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            var statuses = new List<int>();
            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == StaffPolicy.Name))
            {
                statuses.Add(403);
            }
            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            {
                statuses.Add(429);
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                required[(OpenApiResponseRules.DocumentPath(template), method)] = statuses;
            }
        }
        return (path, method) => required.TryGetValue((path, method), out var statuses) ? statuses : [];
    }
}
