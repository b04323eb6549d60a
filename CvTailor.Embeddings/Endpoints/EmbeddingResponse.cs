using System.Text.Json.Serialization;

namespace CvTailor.Embeddings.Endpoints;

/// <summary>OpenAI's embeddings response: <c>{"object": "list", "data": [...], "model", "usage"}</c>.</summary>
public sealed record EmbeddingResponse(
    [property: JsonPropertyName("object")] string ObjectType, IReadOnlyList<EmbeddingData> Data, string Model, EmbeddingUsage Usage);

/// <summary>One vector; <see cref="Embedding"/> is a float array, or a base64 string of little-endian float32s.</summary>
public sealed record EmbeddingData([property: JsonPropertyName("object")] string ObjectType, int Index, object Embedding);

public sealed record EmbeddingUsage(long PromptTokens, long TotalTokens);
