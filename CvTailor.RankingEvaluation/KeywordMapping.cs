using CvTailor.Api.Generation.Text;

namespace CvTailor.RankingEvaluation;

/// <summary>
/// Maps the keywords a match response reports (its own list) onto a job's screening terms, as the data set's README
/// asks of systems that extract their own keywords: each screening term takes the reported keyword that names it best
/// (the same words after stemming, or at least half of the content words in common), and counts as a predicted gap
/// when that keyword is reported missing.
/// </summary>
public static class KeywordMapping
{
    public static IReadOnlyList<string> PredictedGaps(
        TextAnalyzer analyzer, IReadOnlyList<(string Keyword, bool Missing)> reported, IReadOnlyList<string> screeningTerms)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(screeningTerms);
        var reportedStems = reported.Select(r => Stems(analyzer, r.Keyword)).ToList();
        var gaps = new List<string>();
        foreach (var term in screeningTerms)
        {
            var stems = Stems(analyzer, term);
            var best = -1;
            var bestScore = 0.0;
            for (var i = 0; i < reported.Count; i++)
            {
                var score = Similarity(stems, reportedStems[i]);
                if (score > bestScore || (score == bestScore && best >= 0 && score > 0 && !reported[best].Missing && reported[i].Missing))
                {
                    (best, bestScore) = (i, score);
                }
            }

            if (best >= 0 && bestScore >= 0.5 && reported[best].Missing)
            {
                gaps.Add(term);
            }
        }

        return gaps;
    }

    static HashSet<string> Stems(TextAnalyzer analyzer, string text) =>
        [.. analyzer.TokenizePhrase(text).Where(t => !t.IsStopWord).Select(t => t.Stem)];

    static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return common == a.Count && common == b.Count ? 1.0 : (double)common / (a.Count + b.Count - common);
    }
}
