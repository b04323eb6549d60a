using System.ComponentModel.DataAnnotations;

namespace CvTailor.Api.Search;

/// <summary>Artifact search, bound from <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>The Embeddings service, resolved by service discovery (<c>services:embeddings:http:0</c>).</summary>
    [Required]
    public Uri EmbeddingsAddress { get; set; } = new("http://embeddings");

    /// <summary>The model the worker embeds with; query vectors must come from the same model.</summary>
    [Required]
    public string EmbeddingModel { get; set; } = "use-lite";

    /// <summary>Whole budget of one query-embedding call (retries included), shorter than the Api's own timeouts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan EmbeddingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Query vectors kept in memory, keyed by (SHA-256 of the text, model).</summary>
    [Range(0, 1_000_000)]
    public int QueryCacheEntries { get; set; } = 10_000;
}
