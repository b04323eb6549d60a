namespace CvTailor.Data.Schema;

/// <summary>
/// Where a vector is stored, by its width (the one place that knows it). The original's <c>vector(1536)</c>
/// columns hold 1536-wide vectors (OpenAI's model, imported data) and any other width below 1536 zero-padded, which
/// leaves cosine, L2 and inner product exact. The local model's 512-wide chunk vectors have their own
/// <c>artifact_chunks.embedding_vector_512</c> column instead: no padding, a third of the bytes, kept in the row
/// (storage <c>main</c>) rather than out of line, and its own HNSW index.
/// </summary>
public static class VectorStorage
{
    /// <summary>Width of the original's vector columns.</summary>
    public const int Wide = PgTypes.VectorDimensions;

    /// <summary>Width with a column of its own in <c>artifact_chunks</c> (the local model, USE-Lite).</summary>
    public const int Narrow = 512;

    /// <summary>The <c>artifact_chunks</c> column of 1536-wide (and padded) vectors.</summary>
    public const string ChunkWideColumn = "embedding_vector";

    /// <summary>The <c>artifact_chunks</c> column of 512-wide vectors.</summary>
    public const string ChunkNarrowColumn = "embedding_vector_512";

    /// <summary>The original's <c>artifact_chunks.embedding_vector</c> as the original stored it: 1536 wide, a narrow vector zero-padded (SQLite export, verification).</summary>
    public const string ChunkOriginalVectorSql =
        "coalesce(embedding_vector, (embedding_vector_512::real[] || array_fill(0::real, ARRAY[1024]))::vector(1536))";

    /// <summary>
    /// SQL for the chunk vector of <paramref name="alias"/> (an <c>artifact_chunks</c> row) at the model's own width,
    /// to compare with a query vector of that width: the narrow column (or, for a row written padded before it
    /// existed, the padded vector cut back), the wide column as is, or cut to a narrower model's width.
    /// </summary>
    public static string ChunkVectorSql(int dimensions, string alias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, Wide);
        return IsNarrow(dimensions)
            ? $"coalesce({alias}.{ChunkNarrowColumn}, subvector({alias}.{ChunkWideColumn}, 1, {Narrow}))"
            : dimensions == Wide
                ? $"{alias}.{ChunkWideColumn}"
                : $"subvector({alias}.{ChunkWideColumn}, 1, {dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    /// <summary>Whether chunk vectors of this width go to <see cref="ChunkNarrowColumn"/>.</summary>
    public static bool IsNarrow(int dimensions) => dimensions == Narrow;

    /// <summary>
    /// The vector as an original <c>vector(1536)</c> column stores it: a 1536-wide vector as is, a narrower one
    /// zero-padded (a copy).
    /// </summary>
    public static float[] PadForStorage(ReadOnlySpan<float> vector)
    {
        if (vector.Length > Wide)
        {
            throw new ArgumentException($"A {vector.Length}-dimension vector does not fit vector({Wide}).", nameof(vector));
        }
        var padded = new float[Wide];
        vector.CopyTo(padded);
        return padded;
    }
}
