using CvTailor.Data.Schema;
using Pgvector;

namespace CvTailor.Data.Llm;

/// <summary><c>artifact_chunks</c>: one embedded chunk of an enhanced artifact.</summary>
public class ArtifactChunk
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int ChunkIndex { get; set; }
    public string Content { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    /// <summary>The original's <c>vector(1536)</c>: 1536-wide vectors, or another width below 1536 zero-padded; null when <see cref="EmbeddingVector512"/> holds the vector.</summary>
    public Vector? EmbeddingVector { get; set; }
    /// <summary>Not in the original: a 512-wide vector (the local model) at its own width; null for any other width.</summary>
    public Vector? EmbeddingVector512 { get; set; }
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

    /// <summary>Stores <paramref name="vector"/> in the column for its width (see <see cref="VectorStorage"/>) and records the width.</summary>
    public void SetEmbedding(ReadOnlySpan<float> vector)
    {
        var narrow = VectorStorage.IsNarrow(vector.Length);
        EmbeddingVector512 = narrow ? new Vector(vector.ToArray()) : null;
        EmbeddingVector = narrow ? null : new Vector(VectorStorage.PadForStorage(vector));
        EmbeddingDimensions = vector.Length;
    }
}
