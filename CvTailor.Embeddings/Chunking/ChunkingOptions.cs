using System.ComponentModel.DataAnnotations;

namespace CvTailor.Embeddings.Chunking;

/// <summary>Chunk size and overlap in tokens of the model's tokenizer, bound from <c>Embeddings:Chunking</c>.</summary>
public sealed class ChunkingOptions
{
    public const string SectionName = "Embeddings:Chunking";

    /// <summary>Upper bound per chunk; also capped by what the model reads (128 tokens for the local model).</summary>
    [Range(16, 8192)]
    public int MaxTokens { get; set; } = 128;

    /// <summary>Tokens repeated from the end of a chunk at the start of the next when a paragraph is split.</summary>
    [Range(0, 1024)]
    public int OverlapTokens { get; set; } = 16;

    /// <summary>Most chunks per artifact; text beyond is not embedded (bounds work for huge uploads).</summary>
    [Range(1, 100_000)]
    public int MaxChunksPerArtifact { get; set; } = 2_000;
}
