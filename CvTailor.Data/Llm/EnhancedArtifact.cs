using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Pgvector;

namespace CvTailor.Data.Llm;

/// <summary>
/// <c>enhanced_artifacts</c>: the embedded form of an artifact (whole-document vectors, processing facts). Every row
/// records its <see cref="EmbeddingModel"/> and true <see cref="EmbeddingDimensions"/>; similarity queries filter on the model.
/// </summary>
public class EnhancedArtifact : IAutoUpdatedAt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Soft reference to <c>artifacts_artifact.id</c> (no foreign key, as in the original).</summary>
    public int? OriginalArtifactId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>pdf, github, linkedin, web_profile, markdown, text (or '').</summary>
    public string ContentType { get; set; } = "";
    public string RawContent { get; set; } = "";
    public string ProcessedContent { get; set; } = "{}";
    /// <summary>1536 wide; a smaller model's vector is zero-padded.</summary>
    public Vector ContentEmbedding { get; set; } = null!;
    public Vector SummaryEmbedding { get; set; } = null!;
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";
    /// <summary>The model's own dimension count (before padding).</summary>
    public int EmbeddingDimensions { get; set; } = 1536;
    public decimal EmbeddingCostUsd { get; set; }
    public string LangchainVersion { get; set; } = "0.2.0";
    public string ProcessingStrategy { get; set; } = "adaptive";
    public int TotalChunks { get; set; }
    public int ProcessingTimeMs { get; set; }
    public string LlmModelUsed { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastEmbeddingUpdate { get; set; }
    public long UserId { get; set; }

    public User? User { get; set; }
    public ICollection<ArtifactChunk> Chunks { get; } = [];
}
