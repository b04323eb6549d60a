using System.Globalization;
using System.Text.Json.Nodes;

namespace CvTailor.Api.Llm;

/// <summary>L9: a cached job-description embedding (the vector is never returned).</summary>
public sealed record JobEmbeddingDto(
    Guid Id, string JobDescriptionHash, string CompanyName, string RoleTitle, string ModelUsed, int Dimensions,
    int TokensUsed, string CostUsd, int AccessCount, DateTime LastAccessed, DateTime CreatedAt, string UserEmail);

/// <summary>L10.</summary>
public sealed record JobEmbeddingCacheStats(
    int TotalEmbeddings, int UniqueCompanies, long TotalAccessCount, double CacheHitRate,
    IReadOnlyList<MostAccessedEmbedding> MostAccessed, IReadOnlyList<RecentEmbedding> RecentEmbeddings);

public sealed record MostAccessedEmbedding(string RoleTitle, string CompanyName, int AccessCount);

public sealed record RecentEmbedding(string RoleTitle, string CompanyName, DateTime CreatedAt);

/// <summary>L11: an enhanced artifact without its vectors; <c>total_processing_cost</c> is a float, as in the original.</summary>
public sealed record EnhancedArtifactDto(
    Guid Id, string UserEmail, int? OriginalArtifactId, string Title, string ContentType, string EmbeddingModel,
    int EmbeddingDimensions, string EmbeddingCostUsd, string LangchainVersion, string ProcessingStrategy, int TotalChunks,
    int ProcessingTimeMs, string LlmModelUsed, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastEmbeddingUpdate,
    double TotalProcessingCost);

/// <summary>L12: one chunk without its vector.</summary>
public sealed record ArtifactChunkDto(
    Guid Id, string ArtifactTitle, int ChunkIndex, string Content, JsonNode? Metadata, string ContentHash, string ModelUsed,
    int TokensUsed, string ProcessingCostUsd, DateTime CreatedAt);

/// <summary>DRF's DecimalField rendering: a string with the column's fixed scale.</summary>
public static class DecimalText
{
    public static string Scale6(decimal value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
