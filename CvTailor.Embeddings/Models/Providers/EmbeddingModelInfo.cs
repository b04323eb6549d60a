namespace CvTailor.Embeddings.Models.Providers;

/// <summary>
/// What the worker and the HTTP endpoint need to know of the configured model: the id recorded with every vector,
/// its native width (where it is stored: <see cref="CvTailor.Data.Schema.VectorStorage"/>) and the tokenizer
/// chunks are measured with. <see cref="CanShorten"/>: the provider returns fewer dimensions on request
/// (text-embedding-3 models do; the local model does not).
/// </summary>
public sealed record EmbeddingModelInfo(string ModelId, int Dimensions, int MaxBatchSize, ITokenCounter Tokens, bool CanShorten = false);
