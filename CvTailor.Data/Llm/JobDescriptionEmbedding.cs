using Pgvector;

namespace CvTailor.Data.Llm;

/// <summary><c>job_embeddings</c>: a cached job-description embedding, global across users (keyed by hash).</summary>
public class JobDescriptionEmbedding
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>SHA-256 of <c>"{company} {role} {jd}"</c> trimmed (differs from <c>generation_jobdescription.content_hash</c>).</summary>
    public string JobDescriptionHash { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string RoleTitle { get; set; } = "";
    /// <summary>1536 wide; a smaller model's vector is zero-padded.</summary>
    public Vector EmbeddingVector { get; set; } = null!;
    public string ModelUsed { get; set; } = "text-embedding-3-small";
    /// <summary>The model's own dimension count (before padding).</summary>
    public int Dimensions { get; set; } = 1536;
    public int TokensUsed { get; set; }
    public decimal CostUsd { get; set; }
    public int AccessCount { get; set; } = 1;
    public DateTime LastAccessed { get; set; } = DateTime.UtcNow;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public long UserId { get; set; }
}
