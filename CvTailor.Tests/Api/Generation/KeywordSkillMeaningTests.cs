using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Embeddings.Models;
using CvTailor.Tests.SentenceEncoder;

namespace CvTailor.Tests.Api.Generation;

/// <summary>Posting keywords no alias matches, read as the skill they name in other words (the real local model, in process).</summary>
[Collection(UseLiteModelGroup.Name)]
public sealed class KeywordSkillMeaningTests(UseLiteModelFixture fixture)
{
    // The shipped taxonomy without its "… performance …" aliases, as if it had never seen the posting's wording.
    static readonly SkillTaxonomy Taxonomy = new(SkillTaxonomy.ReadShippedDocument() is var doc
        ? doc with { Skills = [.. doc.Skills.Select(s => s with { Aliases = [.. s.Aliases.Where(a => !a.Contains("performance", StringComparison.OrdinalIgnoreCase))] })] }
        : null!);

    static readonly DateOnly AsOf = new(2025, 1, 1);

    static readonly ArtifactDocument Database = new()
    {
        Id = "db", Title = "Reporting database clean-up", StartDate = new DateOnly(2023, 1, 1), EndDate = new DateOnly(2024, 1, 1),
        Technologies = ["PostgreSQL"],
        Description = "Read the query plans of the slowest month-end reports. Added covering indexes, cutting their run time from 40 minutes to 3.",
    };

    static readonly ArtifactDocument Garden = Database with
    {
        Id = "garden", Title = "Community garden", Technologies = [],
        Description = "Organised volunteers and planted vegetables for the neighbourhood.",
    };

    static readonly ParsedJobDescription Posting = new JobDescriptionParser(Taxonomy).Parse(
        "Requirements:\n- Hands-on performance tuning of busy PostgreSQL databases.\n- Experience with PostgreSQL replication.");

    [Fact]
    public async Task A_phrase_close_to_one_skill_reads_as_it_and_a_phrase_near_none_does_not()
    {
        using var generator = new LocalUseLiteEmbeddingGenerator(fixture.Model);
        var semantic = new EmbeddingSemanticScorer(generator, LocalUseLiteEmbeddingGenerator.ModelId);
        Assert.True(Taxonomy.TryFind("Query optimization", out var queryOptimization));

        var skills = await ((ISemanticScorer)semantic).ResolveSkillsAsync(
            ["performance tuning", "bill-payers in vulnerable circumstances"], Taxonomy, 0.78, 0.05, CancellationToken.None);

        Assert.Equal([queryOptimization, null], skills);
    }

    [Fact]
    public async Task A_posting_keyword_no_alias_matches_is_covered_by_the_artifact_showing_the_skill_it_names()
    {
        using var generator = new LocalUseLiteEmbeddingGenerator(fixture.Model);
        var semantic = new EmbeddingSemanticScorer(generator, LocalUseLiteEmbeddingGenerator.ModelId);
        Assert.Contains(Posting.Keywords, k => k.Term == "performance tuning" && k.SkillId is null);

        var on = await new ArtifactRanker(Taxonomy, new RankingOptions(), semantic).MatchAsync(Posting, [Garden, Database], AsOf);
        var evidence = Assert.Single(on.Coverage.Matched, m => m.Keyword == "performance tuning");
        Assert.Equal("skill_by_meaning", evidence.Via);
        Assert.Equal("db", evidence.ArtifactId);
        Assert.Contains("query plans", evidence.Sentence, StringComparison.Ordinal);

        // Off (a threshold above 1), the same keyword is reported missing.
        var off = await new ArtifactRanker(Taxonomy, new RankingOptions { KeywordSkillThreshold = 2 }, semantic).MatchAsync(Posting, [Garden, Database], AsOf);
        Assert.Contains(off.Coverage.Missing, m => m.Keyword == "performance tuning");
    }
}
