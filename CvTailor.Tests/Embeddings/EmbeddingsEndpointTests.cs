using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CvTailor.Embeddings.Models;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CvTailor.Tests.Embeddings;

/// <summary>Fixture: one Embeddings service (worker off) for the endpoint contract tests.</summary>
public sealed class EmbeddingsEndpointFixture : IAsyncLifetime
{
    public EmbeddingsServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await EmbeddingsServer.StartAsync(
            await TestPostgres.CreateDatabaseAsync("emb"),
            overrides: new() { ["Embeddings:Worker:Enabled"] = "false", ["Embeddings:Api:MaxInputs"] = "8", ["Embeddings:Api:MaxInputCharacters"] = "500" });

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary><c>POST /v1/embeddings</c>: OpenAI's request/response shape, limits and error body, over real HTTP.</summary>
public sealed class EmbeddingsEndpointTests(EmbeddingsEndpointFixture fixture) : IClassFixture<EmbeddingsEndpointFixture>
{
    HttpClient Client => fixture.Server.Client;

    LocalUseLiteEmbeddingGenerator Local => fixture.Server.Services.GetRequiredService<LocalUseLiteEmbeddingGenerator>();

    [Fact]
    public async Task A_single_string_returns_one_embedding_in_openai_shape_equal_to_the_model_output()
    {
        using var response = await Client.PostAsJsonAsync("/v1/embeddings", new { input = "Built a Kafka pipeline in Go", model = "use-lite" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal("list", json["object"]!.GetValue<string>());
        Assert.Equal("use-lite", json["model"]!.GetValue<string>());
        var data = json["data"]!.AsArray();
        Assert.Single(data);
        Assert.Equal("embedding", data[0]!["object"]!.GetValue<string>());
        Assert.Equal(0, data[0]!["index"]!.GetValue<int>());
        var vector = data[0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        Assert.Equal(512, vector.Length);
        var expected = Local.Model.Embed(["Built a Kafka pipeline in Go"])[0];
        Assert.Equal(expected, vector);
        var tokens = Local.Model.CountTokens("Built a Kafka pipeline in Go");
        Assert.Equal(tokens, json["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(tokens, json["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_array_keeps_order_and_base64_decodes_to_the_same_floats()
    {
        string[] texts = ["first text", "second, different text", "third: données"];
        using var floats = await Client.PostAsJsonAsync("/v1/embeddings", new { input = texts, model = "use-lite" });
        using var base64 = await Client.PostAsJsonAsync("/v1/embeddings", new { input = texts, model = "use-lite", encoding_format = "base64" });
        var f = (await floats.ReadJsonAsync())!["data"]!.AsArray();
        var b = (await base64.ReadJsonAsync())!["data"]!.AsArray();
        Assert.Equal(3, f.Count);
        var expected = Local.Model.Embed(texts);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, f[i]!["index"]!.GetValue<int>());
            Assert.Equal(expected[i], f[i]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray());
            var decoded = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(b[i]!["embedding"]!.GetValue<string>())).ToArray();
            Assert.Equal(expected[i], decoded);
        }
    }

    [Fact]
    public async Task Dimensions_1536_is_the_zero_padded_native_vector_and_512_is_native()
    {
        using var padded = await Client.PostAsJsonAsync("/v1/embeddings", new { input = "padding", model = "use-lite", dimensions = 1536 });
        using var native = await Client.PostAsJsonAsync("/v1/embeddings", new { input = "padding", model = "use-lite", dimensions = 512 });
        var p = (await padded.ReadJsonAsync())!["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        var n = (await native.ReadJsonAsync())!["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        Assert.Equal(1536, p.Length);
        Assert.Equal(512, n.Length);
        Assert.Equal(n, p[..512]);
        Assert.All(p[512..], v => Assert.Equal(0f, v));
    }

    public static TheoryData<string, int, string?, string?> BadRequests => new()
    {
        { """{"input": "x"}""", 400, "model", null },
        { """{"model": "use-lite"}""", 400, "input", null },
        { """{"input": "", "model": "use-lite"}""", 400, "input", null },
        { """{"input": ["ok", ""], "model": "use-lite"}""", 400, "input", null },
        { """{"input": [], "model": "use-lite"}""", 400, "input", null },
        { """{"input": [1, 2, 3], "model": "use-lite"}""", 400, "input", null },
        { """{"input": [[1, 2]], "model": "use-lite"}""", 400, "input", null },
        { """{"input": 42, "model": "use-lite"}""", 400, "input", null },
        { """{"input": ["1","2","3","4","5","6","7","8","9"], "model": "use-lite"}""", 400, "input", "too_many_inputs" },
        { "{\"input\": \"" + new string('a', 501) + "\", \"model\": \"use-lite\"}", 400, "input", "input_too_long" },
        { """{"input": "x", "model": "use-lite", "dimensions": 256}""", 400, "dimensions", null },
        { """{"input": "x", "model": "use-lite", "dimensions": 0}""", 400, "dimensions", null },
        { """{"input": "x", "model": "use-lite", "dimensions": "512"}""", 400, "dimensions", null },
        { """{"input": "x", "model": "use-lite", "encoding_format": "int8"}""", 400, "encoding_format", null },
        { """{"input": "x", "model": "text-embedding-3-small"}""", 404, "model", "model_not_found" },
        { """{"input": "x", "model": 7}""", 400, "model", null },
        { """["not", "an", "object"]""", 400, null, null },
        { """{"input": "x", "model": """, 400, null, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_the_openai_error_body(string body, int status, string? param, string? code)
    {
        using var response = await Client.PostRawAsync("/v1/embeddings", body);
        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync())!["error"]!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal(param, error["param"]?.GetValue<string>());
        Assert.Equal(code, error["code"]?.GetValue<string>());
        Assert.True(error.ContainsKey("param") && error.ContainsKey("code"));
    }

    [Fact]
    public async Task The_batch_limit_is_inclusive()
    {
        var eight = Enumerable.Range(0, 8).Select(i => $"text {i}").ToArray();
        using var response = await Client.PostAsJsonAsync("/v1/embeddings", new { input = eight, model = "use-lite" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(8, (await response.ReadJsonAsync())!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Unknown_fields_and_user_are_ignored()
    {
        using var response = await Client.PostAsJsonAsync("/v1/embeddings",
            new { input = "x", model = "use-lite", user = "someone", something_else = new { a = 1 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<JsonArray>((await response.ReadJsonAsync())!["data"]);
    }
}
