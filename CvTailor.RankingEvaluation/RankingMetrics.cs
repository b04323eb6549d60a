namespace CvTailor.RankingEvaluation;

/// <summary>The metrics exactly as the data set's README defines them.</summary>
public static class RankingMetrics
{
    public static double NdcgAt5(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        static double Gain(int grade) => Math.Pow(2, grade) - 1;
        var dcg = ranked.Take(5).Select((id, i) => Gain(relevance.GetValueOrDefault(id)) / Math.Log2(i + 2)).Sum();
        var idcg = relevance.Values.OrderDescending().Take(5).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
        return idcg > 0 ? dcg / idcg : 0;
    }

    public static double RecallAt5(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, bool capped = false)
    {
        var relevant = relevance.Where(kv => kv.Value >= 2).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        if (relevant.Count == 0)
        {
            return 0;
        }

        var hits = ranked.Take(5).Count(relevant.Contains);
        return (double)hits / (capped ? Math.Min(5, relevant.Count) : relevant.Count);
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (relevance.GetValueOrDefault(ranked[i]) == 3)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    static string NormaliseTerm(string term) => string.Join(' ', term.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Precision, recall and F1 of the summed per-job gap counts.</summary>
    public static (double Precision, double Recall, double F1) MicroAveragedGaps(IEnumerable<(int Tp, int Fp, int Fn)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double tp = 0, fp = 0, fn = 0;
        foreach (var c in counts)
        {
            (tp, fp, fn) = (tp + c.Tp, fp + c.Fp, fn + c.Fn);
        }

        var p = tp + fp > 0 ? tp / (tp + fp) : 0;
        var r = tp + fn > 0 ? tp / (tp + fn) : 0;
        return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    }

    /// <summary>(true positives, false positives, false negatives) of predicted gaps against the gold gaps.</summary>
    public static (int Tp, int Fp, int Fn) GapCounts(IEnumerable<string> predictedGaps, IEnumerable<DevKeyword> keywords)
    {
        var gold = keywords.Where(k => !k.Evidenced).Select(k => NormaliseTerm(k.Term)).ToHashSet(StringComparer.Ordinal);
        var predicted = predictedGaps.Select(NormaliseTerm).ToHashSet(StringComparer.Ordinal);
        return (predicted.Count(gold.Contains), predicted.Count(p => !gold.Contains(p)), gold.Count(g => !predicted.Contains(g)));
    }
}
