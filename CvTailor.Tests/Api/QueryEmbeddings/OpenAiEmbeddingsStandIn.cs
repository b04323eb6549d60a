using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CvTailor.Tests.Api.QueryEmbeddings;

/// <summary>
/// A stand-in for a hosted embeddings provider (the one kind of double the project allows: a hosted model behind the
/// real abstraction): OpenAI's <c>POST /v1/embeddings</c> and <c>GET /v1/models</c> on loopback, reached by the Api
/// through the real OpenAI client. It records every embeddings call, checks the Bearer key when given one, serves the
/// models in <see cref="Models"/> (the first is the one it embeds with) and answers with
/// <see cref="VectorFor"/>: a deterministic unit vector per text.
/// </summary>
public sealed class OpenAiEmbeddingsStandIn : IAsyncDisposable
{
    public const int Dimensions = 16;

    readonly WebApplication _app;

    OpenAiEmbeddingsStandIn(WebApplication app, Uri baseAddress, string? apiKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    /// <summary>Scheme, host and port (what service discovery's <c>services:&lt;name&gt;:http:0</c> takes).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OpenAI-compatible base URL, <c>…/v1</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    public string? ApiKey { get; }

    volatile string[] _models = ["stand-in-embed"];

    /// <summary>Models listed by <c>GET /v1/models</c>; the first is the one <c>POST /v1/embeddings</c> accepts.</summary>
    public string[] Models
    {
        get => _models;
        set => _models = value;
    }

    /// <summary>Inputs of each accepted embeddings call, in order.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> EmbeddingCalls { get; } = new();

    /// <summary>The Authorization header of every request (null when absent).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public int ModelListCalls => _modelListCalls;

    int _modelListCalls;

    public static async Task<OpenAiEmbeddingsStandIn> StartAsync(string? apiKey = null)
    {
        var app = LoopbackWebApp.CreateSlim();
        OpenAiEmbeddingsStandIn? server = null;
        app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            if (!server!.Authorized(request))
            {
                return Error(401, "Incorrect API key provided.", "invalid_api_key");
            }
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var model = body["model"]!.GetValue<string>();
            if (model != server.Models[0])
            {
                return Error(404, $"The model '{model}' does not exist.", "model_not_found");
            }
            var input = body["input"]!;
            IReadOnlyList<string> texts = input is JsonArray array ? [.. array.Select(t => t!.GetValue<string>())] : [input.GetValue<string>()];
            server.EmbeddingCalls.Enqueue(texts);
            var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
            return Results.Json(new
            {
                @object = "list",
                data = texts.Select((t, i) => new
                {
                    @object = "embedding",
                    index = i,
                    embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(VectorFor(t).AsSpan())) : VectorFor(t),
                }),
                model,
                usage = new { prompt_tokens = texts.Count, total_tokens = texts.Count },
            });
        });
        app.MapGet("/v1/models", (HttpRequest request) =>
        {
            if (!server!.Authorized(request))
            {
                return Error(401, "Incorrect API key provided.", "invalid_api_key");
            }
            Interlocked.Increment(ref server._modelListCalls);
            return Results.Json(new
            {
                @object = "list",
                data = server.Models.Select(m => new { id = m, @object = "model", created = 0, owned_by = "stand-in" }),
            });
        });
        await app.StartAsync();
        server = new OpenAiEmbeddingsStandIn(app, app.ListeningAddress(), apiKey);
        return server;
    }

    /// <summary>A unit vector seeded by the text's SHA-256 (same text, same vector).</summary>
    public static float[] VectorFor(string text)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var random = new Random(seed);
        var v = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        Authorizations.Enqueue(header);
        return ApiKey is null || header == $"Bearer {ApiKey}";
    }

    static IResult Error(int status, string message, string code) =>
        Results.Json(new { error = new { message, type = "invalid_request_error", param = (string?)null, code } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
