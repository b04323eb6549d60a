using System.ComponentModel.DataAnnotations;

namespace CvTailor.Embeddings.Models.Providers;

/// <summary>Which embedding model the service runs, bound from <c>Embeddings</c>.</summary>
public sealed class EmbeddingProviderOptions
{
    public const string SectionName = "Embeddings";

    /// <summary><c>local</c> (default: Universal Sentence Encoder Lite, offline) or <c>openai</c> (any <c>/v1/embeddings</c> server).</summary>
    [Required]
    public string Provider { get; set; } = EmbeddingProviderKinds.Local;
}

/// <summary>Values of <c>Embeddings:Provider</c>.</summary>
public static class EmbeddingProviderKinds
{
    public const string Local = "local";
    public const string OpenAi = "openai";
}
