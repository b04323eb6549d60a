namespace CvTailor.Api.Search;

/// <summary>
/// A pgvector distance: its operator, and how a distance becomes a score (higher is better) and a threshold
/// (in the metric's natural unit) becomes a distance bound.
/// </summary>
public sealed record SearchMetric(string Name, string Operator)
{
    public static readonly SearchMetric Cosine = new("cosine", "<=>");
    public static readonly SearchMetric L2 = new("l2", "<->");
    public static readonly SearchMetric InnerProduct = new("inner_product", "<#>");

    public static IReadOnlyList<SearchMetric> All { get; } = [Cosine, L2, InnerProduct];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    public static SearchMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>cosine: similarity 1 − d; inner_product: the inner product (pgvector's <c>&lt;#&gt;</c> is its negative); l2: 1 / (1 + d).</summary>
    public double Score(double distance) => Name switch
    {
        "cosine" => 1 - distance,
        "inner_product" => -distance,
        _ => 1 / (1 + distance),
    };

    /// <summary>
    /// The largest distance a result may have: cosine and inner_product thresholds are minimum similarities / inner
    /// products, an l2 threshold is a maximum distance.
    /// </summary>
    public double MaxDistance(double threshold) => Name switch
    {
        "cosine" => 1 - threshold,
        "inner_product" => -threshold,
        _ => threshold,
    };
}
