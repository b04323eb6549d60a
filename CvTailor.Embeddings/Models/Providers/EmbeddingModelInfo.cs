namespace CvTailor.Embeddings.Models.Providers;

/// <summary>
/// What the worker and the HTTP endpoint need to know of the configured model: the id recorded with every vector,
/// its native width (vectors are zero-padded to <see cref="StorageDimensions"/> for storage) and the tokenizer
/// chunks are measured with. <see cref="CanShorten"/>: the provider returns fewer dimensions on request
/// (text-embedding-3 models do; the local model does not).
/// </summary>
public sealed record EmbeddingModelInfo(string ModelId, int Dimensions, int MaxBatchSize, ITokenCounter Tokens, bool CanShorten = false)
{
    /// <summary>The width of every <c>vector(1536)</c> column.</summary>
    public const int StorageDimensions = 1536;

    /// <summary>A copy of <paramref name="vector"/> zero-padded to the storage width (cosine, L2 and inner product are unchanged).</summary>
    public static float[] PadForStorage(ReadOnlySpan<float> vector)
    {
        if (vector.Length > StorageDimensions)
        {
            throw new ArgumentException($"A {vector.Length}-dimension vector does not fit vector({StorageDimensions}).", nameof(vector));
        }
        var padded = new float[StorageDimensions];
        vector.CopyTo(padded);
        return padded;
    }
}
