using System.ComponentModel.DataAnnotations;

namespace CvTailor.Embeddings.Endpoints;

/// <summary>Limits of <c>POST /v1/embeddings</c>, bound from <c>Embeddings:Api</c>.</summary>
public sealed class EmbeddingsApiOptions
{
    public const string SectionName = "Embeddings:Api";

    /// <summary>Most texts in one request (OpenAI allows 2048; the local model embeds ~300–600 short texts/s).</summary>
    [Range(1, 2048)]
    public int MaxInputs { get; set; } = 512;

    /// <summary>Longest text, in characters. The local model reads only its first 128 tokens anyway.</summary>
    [Range(1, 1_000_000)]
    public int MaxInputCharacters { get; set; } = 32_768;

    /// <summary>Optional shared key: when set, requests must send <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string? ApiKey { get; set; }
}
