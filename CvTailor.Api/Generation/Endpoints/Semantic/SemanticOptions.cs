namespace CvTailor.Api.Generation.Endpoints.Semantic;

/// <summary>
/// Configuration section <c>Generation:Semantic</c>: where query embeddings come from and which stored vectors
/// they are compared with. By default the Embeddings service found by service discovery
/// (<c>services__embeddings__http__0</c>, OpenAI's <c>POST /v1/embeddings</c>) and its local model's vectors.
/// </summary>
public sealed class SemanticOptions
{
    public const string Section = "Generation:Semantic";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The embedding model id: sent with each request and matched against <c>artifact_chunks.model_used</c>. Unset:
    /// the artifact search's <c>Search:EmbeddingModel</c>, so one setting names the worker's model for both.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The service name resolved by service discovery when <see cref="Endpoint"/> is not set.</summary>
    public string ServiceName { get; set; } = "embeddings";

    /// <summary>
    /// An explicit OpenAI-compatible base URL (ending in <c>/v1</c>). Unset: <c>Search:EmbeddingsAddress</c> when it
    /// names a server directly, else the service found by service discovery.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>API key for a hosted provider; the local service needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// One embedding call's time limit. Ranking goes on without semantics when the call fails or takes longer, so
    /// this bounds what an unavailable service adds to a request.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Query embeddings kept in memory (posting lines repeat across requests).</summary>
    public int CacheSize { get; set; } = 20_000;
}
