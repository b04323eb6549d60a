using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Embeddings;

/// <summary><c>GET /v1/models</c> (+ <c>/{id}</c>): the one served model in OpenAI's shape, behind the same key as embeddings.</summary>
public sealed class ModelsEndpointTests
{
    [Fact]
    public async Task The_served_model_is_listed_and_the_key_is_required_when_set()
    {
        await using var server = await EmbeddingsServer.StartAsync(
            await TestPostgres.CreateDatabaseAsync("emb-models"),
            overrides: new() { ["Embeddings:Worker:Enabled"] = "false", ["Embeddings:Api:ApiKey"] = "local-key-5d1" });

        using (var anonymous = await server.Client.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("invalid_api_key", (await anonymous.ReadJsonAsync())!["error"]!["code"]!.GetValue<string>());
        }

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "local-key-5d1");
        var list = (await client.GetFromJsonAsync<JsonNode>("/v1/models"))!;
        Assert.Equal("list", list["object"]!.GetValue<string>());
        var model = Assert.Single(list["data"]!.AsArray())!;
        Assert.Equal("use-lite", model["id"]!.GetValue<string>());
        Assert.Equal("model", model["object"]!.GetValue<string>());
        Assert.Equal("cvtailor", model["owned_by"]!.GetValue<string>());
        Assert.Equal(512, model["dimensions"]!.GetValue<int>());
        Assert.True(model["created"]!.GetValue<long>() > 0);

        var one = (await client.GetFromJsonAsync<JsonNode>("/v1/models/use-lite"))!;
        Assert.Equal("use-lite", one["id"]!.GetValue<string>());
        using var unknown = await client.GetAsync("/v1/models/text-embedding-3-small");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("model_not_found", (await unknown.ReadJsonAsync())!["error"]!["code"]!.GetValue<string>());

        // The model listed is the one embeddings are served (and the worker's rows written) with.
        using var embedded = await client.PostAsJsonAsync("/v1/embeddings", new { input = "x", model = model["id"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, embedded.StatusCode);
    }
}
