using Pgvector;

namespace CvTailor.Data.Llm;

/// <summary><c>artifact_chunks</c>: one embedded chunk of an enhanced artifact.</summary>
public class ArtifactChunk
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int ChunkIndex { get; set; }
    public string Content { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    /// <summary>1536 wide; a smaller model's vector is zero-padded.</summary>
    public Vector EmbeddingVector { get; set; } = null!;
    /// <summary>SHA-256 hex of the chunk text.</summary>
    public string ContentHash { get; set; } = "";
    /// <summary>The embedding model id: the column every chunk similarity query filters on.</summary>
    public string ModelUsed { get; set; } = "text-embedding-3-small";
    public int TokensUsed { get; set; }
    public decimal ProcessingCostUsd { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public Guid ArtifactId { get; set; }
    /// <summary>Not in the original: the model's own dimension count (before padding); 1536 for imported rows.</summary>
    public int EmbeddingDimensions { get; set; } = 1536;

    public EnhancedArtifact? Artifact { get; set; }
}
