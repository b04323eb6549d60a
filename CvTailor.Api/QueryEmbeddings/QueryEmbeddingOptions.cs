using System.ComponentModel.DataAnnotations;

namespace CvTailor.Api.QueryEmbeddings;

/// <summary>
/// Where the Api's query vectors come from (artifact search and semantic matching), bound from
/// <c>QueryEmbeddings</c>. The old keys <c>Search:Embedding*</c>, <c>Search:QueryCacheEntries</c> and
/// <c>Generation:Semantic:*</c> still apply when the new key is absent (<see cref="LegacyQueryEmbeddingKeys"/>).
/// </summary>
public sealed class QueryEmbeddingOptions
{
    public const string Section = "QueryEmbeddings";

    /// <summary>
    /// The model to ask for and to compare stored vectors with (<c>artifact_chunks.model_used</c>). Unset: the one
    /// model the endpoint lists at <c>GET /v1/models</c> (our Embeddings service lists exactly the model its worker
    /// writes). A hosted provider lists many, so it needs this set.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>
    /// An explicit OpenAI-compatible base URL, up to and including <c>/v1</c> (a hosted provider, or a server outside
    /// service discovery). Unset: the service <see cref="ServiceName"/> found by service discovery.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>; never logged. Our Embeddings service needs one only when it sets <c>Embeddings:Api:ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Service discovery name (<c>services:&lt;name&gt;:http:0</c>).</summary>
    [Required]
    public string ServiceName { get; set; } = "embeddings";

    /// <summary>
    /// Whole budget of one embedding call (model lookup included). No retries: both callers answer without vectors
    /// (search from full text, matching without semantics) rather than wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Query vectors kept in memory, keyed by (SHA-256 of the text, model).</summary>
    [Range(1, 1_000_000)]
    public int CacheEntries { get; set; } = 20_000;

    /// <summary>An entry not read for this long is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CacheSlidingExpiration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a model learned from <c>GET /v1/models</c> is trusted before it is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ModelRefresh { get; set; } = TimeSpan.FromMinutes(5);
}
