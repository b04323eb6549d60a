namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Best-chunk similarities: for artifact <c>a</c> and query <c>q</c>, the highest cosine similarity between the query
/// and any sentence/chunk of the artifact, and which sentence that was.
/// </summary>
public sealed class SemanticScores(float[][] similarity, int[][] bestSentence)
{
    public static SemanticScores Empty { get; } = new([], []);

    public bool IsEmpty => similarity.Length == 0;

    public float Similarity(int artifact, int query) => similarity[artifact][query];

    public int BestSentence(int artifact, int query) => bestSentence[artifact][query];

    /// <summary>The same scores with artifacts in a new order (<paramref name="order"/>[i] = old index of new i).</summary>
    public SemanticScores Reorder(IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return IsEmpty ? this : new([.. order.Select(i => similarity[i])], [.. order.Select(i => bestSentence[i])]);
    }
}
