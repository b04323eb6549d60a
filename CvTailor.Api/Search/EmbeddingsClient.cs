using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Search;

/// <summary>
/// Calls the Embeddings service's OpenAI-compatible <c>POST /v1/embeddings</c> (base address by service discovery,
/// standard resilience handler from ServiceDefaults, its own overall timeout from <see cref="SearchOptions"/>).
/// </summary>
public sealed class EmbeddingsClient(HttpClient http, IOptions<SearchOptions> options)
{
    public async Task<QueryVector> EmbedAsync(string text, CancellationToken ct)
    {
        var model = options.Value.EmbeddingModel;
        using var response = await http.PostAsJsonAsync("v1/embeddings", new Request(text, model, "float"), ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"The Embeddings service answered {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}",
                null, response.StatusCode);
        }
        var result = await response.Content.ReadFromJsonAsync<Response>(ct)
            ?? throw new HttpRequestException("The Embeddings service returned an empty body.");
        if (result.Data is not [{ Embedding: { Length: > 0 } vector }])
        {
            throw new HttpRequestException("The Embeddings service returned no vector.");
        }
        return new QueryVector(result.Model ?? model, vector);
    }

    sealed record Request(
        [property: JsonPropertyName("input")] string Input,
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("encoding_format")] string EncodingFormat);

    sealed record Response(
        [property: JsonPropertyName("data")] IReadOnlyList<Item>? Data,
        [property: JsonPropertyName("model")] string? Model);

    sealed record Item([property: JsonPropertyName("embedding")] float[]? Embedding);
}

/// <summary>A query's vector at the model's native width, and the model that made it.</summary>
public sealed record QueryVector(string Model, float[] Vector);
