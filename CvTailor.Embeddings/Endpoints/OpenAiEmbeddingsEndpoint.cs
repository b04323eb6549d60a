using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CvTailor.Data.Schema;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.Embeddings.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CvTailor.Embeddings.Endpoints;

/// <summary>
/// <c>POST /v1/embeddings</c> in OpenAI's request and response shape, so any OpenAI client (the Api's, the
/// <c>openai</c> provider of another instance, scripts) can use the configured model. <c>GET /v1/models</c> is mapped
/// with it (<see cref="OpenAiModelsEndpoint"/>).
/// </summary>
public static class OpenAiEmbeddingsEndpoint
{
    public static IEndpointRouteBuilder MapOpenAiEmbeddings(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/embeddings", HandleAsync).WithName("CreateEmbeddings");
        app.MapOpenAiModels();
        return app;
    }

    static async Task<IResult> HandleAsync(
        HttpRequest request,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        EmbeddingModelInfo model,
        IOptions<EmbeddingsApiOptions> options,
        EmbeddingMetrics metrics,
        CancellationToken ct)
    {
        var limits = options.Value;
        if (!IsAuthorized(request, limits.ApiKey))
        {
            return Unauthorized();
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException)
        {
            return BadRequest(OpenAiError.InvalidRequest(
                "We could not parse the JSON body of your request. The body must be a JSON object.", null));
        }

        using (document)
        {
            var parsed = EmbeddingRequest.Parse(document.RootElement, limits, out var error);
            if (parsed is null)
            {
                return BadRequest(error!);
            }
            if (!string.Equals(parsed.Model, model.ModelId, StringComparison.Ordinal))
            {
                return TypedResults.Json(
                    OpenAiError.InvalidRequest(
                        $"The model '{parsed.Model}' does not exist on this server; it serves '{model.ModelId}'.", "model", "model_not_found"),
                    statusCode: StatusCodes.Status404NotFound);
            }

            // Widths: native; the storage width (zero-padded, which keeps every metric); or, for providers that can
            // shorten (text-embedding-3), anything smaller. The local model cannot be shortened meaningfully.
            var pad = false;
            EmbeddingGenerationOptions? generationOptions = null;
            if (parsed.Dimensions is { } wanted && wanted != model.Dimensions)
            {
                if (wanted == VectorStorage.Wide && model.Dimensions < wanted)
                {
                    pad = true;
                }
                else if (wanted < model.Dimensions && model.CanShorten)
                {
                    generationOptions = new EmbeddingGenerationOptions { Dimensions = wanted };
                }
                else
                {
                    return BadRequest(OpenAiError.InvalidRequest(
                        $"Model '{model.ModelId}' returns {model.Dimensions} dimensions; 'dimensions' may be {model.Dimensions}" +
                        (model.Dimensions < VectorStorage.Wide
                            ? $" or {VectorStorage.Wide} (zero-padded)" : "") +
                        (model.CanShorten ? " or smaller" : "") + $", not {wanted}.",
                        "dimensions"));
                }
            }

            var started = Stopwatch.GetTimestamp();
            GeneratedEmbeddings<Embedding<float>> embeddings;
            using (var activity = EmbeddingMetrics.ActivitySource.StartActivity(TelemetryNames.Spans.EmbeddingBatch))
            {
                activity?.SetTag(TelemetryNames.Attributes.EmbeddingModel, model.ModelId);
                activity?.SetTag(TelemetryNames.Attributes.BatchSize, parsed.Inputs.Count);
                embeddings = await generator.GenerateAsync(parsed.Inputs, generationOptions, ct);
            }
            metrics.RecordBatch(model.ModelId, parsed.Inputs.Count, Stopwatch.GetElapsedTime(started));

            var data = new EmbeddingData[embeddings.Count];
            for (var i = 0; i < embeddings.Count; i++)
            {
                var vector = embeddings[i].Vector.Span;
                float[] values = pad ? VectorStorage.PadForStorage(vector) : vector.ToArray();
                data[i] = new EmbeddingData("embedding", i, parsed.Base64 ? ToBase64(values) : values);
            }
            var tokens = embeddings.Usage?.InputTokenCount ?? 0;
            return TypedResults.Ok(new EmbeddingResponse("list", data, model.ModelId, new EmbeddingUsage(tokens, tokens)));
        }
    }

    static JsonHttpResult<OpenAiError> BadRequest(OpenAiError error) => TypedResults.Json(error, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>OpenAI's base64 form: the little-endian float32 bytes of the vector.</summary>
    static string ToBase64(float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("base64 embeddings are little-endian float32.");
        }
        return Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    internal static IResult Unauthorized() => TypedResults.Json(
        new OpenAiError(new OpenAiErrorDetail("Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key")),
        statusCode: StatusCodes.Status401Unauthorized);

    internal static bool IsAuthorized(HttpRequest request, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key));
    }
}
