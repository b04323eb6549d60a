using CvTailor.Api.Generation.Matching;
using CvTailor.RankingEvaluation;
using CvTailor.Tests.Api.Generation;

namespace CvTailor.Tests.RankingEvaluation;

/// <summary>Quality floors on the dev set: the ranking and gap detection must not silently regress.</summary>
public class RankingEvaluationTests
{
    static readonly Lazy<Task<EvaluationReport>> Report = new(() =>
        new RankingEvaluator(DevData.Taxonomy, new RankingOptions(), null, RelevanceDevSet.DefaultAsOf)
            .EvaluateAsync(DevData.Set, CancellationToken.None));

    [Fact]
    public async Task Hybrid_beats_bm25_and_stays_above_its_floors()
    {
        var report = await Report.Value;
        var hybrid = report.Mean("hybrid");
        Assert.True(hybrid.Ndcg5 >= 0.85, $"hybrid nDCG@5 {hybrid.Ndcg5:0.000}");
        Assert.True(hybrid.Ndcg5 > report.Mean("bm25").Ndcg5);
        Assert.True(report.Mean("hybrid", "vocabulary_shift").Ndcg5 >= 0.78, $"vocabulary_shift {report.Mean("hybrid", "vocabulary_shift").Ndcg5:0.000}");
        Assert.True(hybrid.ReciprocalRank >= 0.8);
        Assert.True(hybrid.Recall5 >= 0.75);
    }

    [Fact]
    public async Task Keyword_gap_f1_stays_above_floor()
    {
        var (precision, recall, f1) = (await Report.Value).Gaps();
        Assert.True(f1 >= 0.8, $"gap F1 {f1:0.000} (P {precision:0.000}, R {recall:0.000})");
    }

    [Fact]
    public void Metrics_follow_the_data_set_definitions()
    {
        var relevance = new Dictionary<string, int> { ["a"] = 3, ["b"] = 2, ["c"] = 0, ["d"] = 1, ["e"] = 0, ["f"] = 2 };
        Assert.Equal(1.0, RankingMetrics.NdcgAt5(["a", "b", "f", "d", "c"], relevance), 6);
        var dcg = (7 / Math.Log2(3)) + (3 / Math.Log2(4)) + (1 / Math.Log2(6));
        var idcg = 7 + (3 / Math.Log2(3)) + (3 / Math.Log2(4)) + (1 / Math.Log2(5));
        Assert.Equal(dcg / idcg, RankingMetrics.NdcgAt5(["c", "a", "b", "e", "d"], relevance), 6);
        Assert.Equal(2.0 / 3, RankingMetrics.RecallAt5(["c", "a", "b", "e", "d", "f"], relevance), 6);
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(["c", "a"], relevance), 6);
        Assert.Equal((1, 1, 1), RankingMetrics.GapCounts(["Java ", "x"], [new DevKeyword("java", false), new DevKeyword("SOC  2", false), new DevKeyword("Go", true)]));
    }

    [Fact]
    public void Holding_out_aliases_removes_only_those_the_texts_use()
    {
        var document = CvTailor.Api.Generation.Taxonomy.SkillTaxonomy.ReadShippedDocument();
        var result = AliasHoldOut.Without(document, ["Run our container scheduling platform and projections of demand."]);
        Assert.Contains("Container orchestration: container scheduling", result.RemovedAliases);
        Assert.Contains("projections", result.RemovedWordVariants);
        var orchestration = result.Document.Skills.Single(s => s.Name == "Container orchestration");
        Assert.DoesNotContain("container scheduling", orchestration.Aliases);
        Assert.Contains("cluster scheduling", orchestration.Aliases);
        Assert.Equal(document.Skills.Count, result.Document.Skills.Count);
        Assert.Equal(document.Skills.Sum(s => s.Aliases.Count) - result.RemovedAliases.Count, result.Document.Skills.Sum(s => s.Aliases.Count));
    }
}
