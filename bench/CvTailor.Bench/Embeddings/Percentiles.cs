namespace CvTailor.Bench.Embeddings;

internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static string Summary(IReadOnlyList<double> ms) =>
        $"p50 {Of(ms, 50),8:F1} ms   p95 {Of(ms, 95),8:F1} ms   max {ms.Max(),8:F1} ms   (n={ms.Count})";
}
