using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Parsing;
using Microsoft.Extensions.AI;

namespace CvTailor.Tests.Api.Generation;

public class SemanticScorerTests
{
    static readonly ArtifactAnalyzer Analyzer = new(DevData.Taxonomy);

    [Fact]
    public async Task Best_chunk_similarity_points_at_the_matching_sentence()
    {
        using var generator = new HashingEmbeddingGenerator(DevData.Taxonomy.Analyzer);
        var scorer = new EmbeddingSemanticScorer(generator, HashingEmbeddingGenerator.ModelId);
        var artifact = Analyzer.Analyze(new ArtifactDocument
        {
            Id = "x",
            Title = "Warehouse project",
            Description = "Planted a vegetable garden. Tuned slow warehouse queries with better indexes. Painted the office.",
        });
        var scores = await scorer.ScoreAsync(["tune slow queries and indexes", "vegetable garden"], [artifact], CancellationToken.None);
        Assert.Equal(2, scores.BestSentence(0, 0));
        Assert.Equal(1, scores.BestSentence(0, 1));
        Assert.True(scores.Similarity(0, 0) > 0.5f);
    }

    [Fact]
    public async Task Semantic_similarity_only_fills_requirements_no_word_covers()
    {
        var artifacts = new[]
        {
            new ArtifactDocument { Id = "a", Title = "Allotment", Description = "Grew tomatoes in raised beds." },
            new ArtifactDocument { Id = "b", Title = "Shed", Description = "Built a wooden shed." },
        };
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse("Requirements:\n- Cultivating heirloom produce outdoors.");
        var plain = await new ArtifactRanker(DevData.Taxonomy).MatchAsync(parsed, artifacts, new DateOnly(2025, 1, 1));
        Assert.All(plain.Ranked, r => Assert.Empty(r.CoveredRequirements));

        // A scorer that knows tomatoes are produce (a real IEmbeddingGenerator over fixed concept vectors).
        using var generator = new ConceptEmbeddingGenerator();
        var semantic = await new ArtifactRanker(DevData.Taxonomy, semantic: new EmbeddingSemanticScorer(generator, "concepts"))
            .MatchAsync(parsed, artifacts, new DateOnly(2025, 1, 1));
        Assert.Equal("a", semantic.Ranked[0].ArtifactId);
        var covered = Assert.Single(semantic.Ranked[0].CoveredRequirements);
        Assert.Equal("semantic", covered.Via);
        Assert.Equal("Grew tomatoes in raised beds.", covered.Evidence);
        Assert.Equal("concepts", semantic.SemanticModel);
    }

    /// <summary>Embeds text as counts of a few hand-written concepts; enough to exercise the semantic path offline.</summary>
    sealed class ConceptEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        static readonly string[][] Concepts = [["tomato", "produce", "heirloom", "cultivat", "grew", "garden"], ["shed", "wooden", "built"], ["requirement"]];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (var value in values)
            {
                var lower = value.ToLowerInvariant();
                result.Add(new Embedding<float>(Concepts.Select(c => (float)c.Count(w => lower.Contains(w, StringComparison.Ordinal)) + 0.01f).ToArray()));
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
