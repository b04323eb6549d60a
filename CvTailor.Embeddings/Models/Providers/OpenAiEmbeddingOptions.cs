using System.ComponentModel.DataAnnotations;
using CvTailor.Data.Schema;

namespace CvTailor.Embeddings.Models.Providers;

/// <summary>
/// The OpenAI-compatible provider, bound from <c>Embeddings:OpenAI</c>: OpenAI itself, Azure OpenAI's v1 endpoint,
/// Ollama, or any server with <c>POST /v1/embeddings</c> (our own Embeddings service included).
/// </summary>
public sealed class OpenAiEmbeddingOptions
{
    public const string SectionName = "Embeddings:OpenAI";

    /// <summary>Base URL up to and including <c>/v1</c>; empty means OpenAI's own.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as a Bearer token; never logged. Servers without keys (Ollama) accept any value.</summary>
    public string? ApiKey { get; set; }

    [Required]
    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>The vector width the model returns (sent as <c>dimensions</c> only when smaller than the native width).</summary>
    [Range(1, VectorStorage.Wide)]
    public int Dimensions { get; set; } = VectorStorage.Wide;

    /// <summary>Whether to send <c>dimensions</c>; text-embedding-3 models accept it, older models and many servers do not.</summary>
    public bool SendDimensions { get; set; }

    /// <summary>Most texts per request.</summary>
    [Range(1, 2048)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Per request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
