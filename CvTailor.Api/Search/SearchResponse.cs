namespace CvTailor.Api.Search;

/// <summary>
/// Search results: the caller's artifacts, best first, each with its best chunks. <c>mode</c> is <c>vector</c> or
/// <c>full_text</c> (flag off, or the Embeddings service unavailable: then <c>fallback_reason</c> says why).
/// </summary>
public sealed record SearchResponse(
    string Query, string Metric, string Mode, string? Model, string? FallbackReason, int Count, IReadOnlyList<SearchHit> Results);

/// <summary>One artifact; <c>score</c> is higher-is-better, <c>distance</c> the raw pgvector distance (null for full text).</summary>
public sealed record SearchHit(
    int ArtifactId, string Title, string ArtifactType, double Score, double? Distance, IReadOnlyList<SearchChunk> Chunks);

/// <summary>A matching chunk (full text: a highlighted snippet, <c>chunk_index</c> null).</summary>
public sealed record SearchChunk(int? ChunkIndex, string Content, double Score, double? Distance);
