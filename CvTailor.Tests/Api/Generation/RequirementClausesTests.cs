using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;

namespace CvTailor.Tests.Api.Generation;

public class RequirementClausesTests
{
    static JobRequirement Line(string text) =>
        new("r1", text, RequirementKind.Responsibility, []) { Tokens = DevData.Taxonomy.Analyzer.TokenizePhrase(text) };

    [Fact]
    public void A_long_line_splits_into_its_clauses_at_punctuation_and_coordinators()
    {
        var clauses = RequirementClauses.Split(Line(
            "Champion the voice of the customer: run customer insight gathering with real bill-payers, including people in vulnerable circumstances, and share what you learn widely."));

        Assert.Equal(
            ["Champion the voice of the customer", "run customer insight gathering with real bill-payers",
             "people in vulnerable circumstances", "share what you learn widely"],
            clauses);
    }

    [Fact]
    public void Short_pieces_join_their_neighbour_and_a_single_clause_gives_none()
    {
        // A list of single names is one clause, not one per name.
        Assert.Empty(RequirementClauses.Split(Line("Experience with Python, SQL and R.")));
        Assert.Empty(RequirementClauses.Split(Line("Confidence with agile ways of working.")));
        Assert.Equal(
            ["Own and refine the product backlog", "write clear user stories", "make prioritisation calls within agile delivery"],
            RequirementClauses.Split(Line("Own and refine the product backlog, write clear user stories and make prioritisation calls within agile delivery.")));
    }
}

/// <summary>Clause-level alignment with the real local model (the Embeddings service's USE-Lite, in process).</summary>
[Collection(CvTailor.Tests.SentenceEncoder.UseLiteModelGroup.Name)]
public sealed class ClauseAlignmentTests(CvTailor.Tests.SentenceEncoder.UseLiteModelFixture fixture)
{
    [Fact]
    public async Task A_requirement_phrased_in_other_words_is_covered_through_its_closest_clause_with_the_evidence_named()
    {
        using var generator = new CvTailor.Embeddings.Models.LocalUseLiteEmbeddingGenerator(fixture.Model);
        var semantic = new EmbeddingSemanticScorer(generator, "use-lite");
        const string Evidence = "Made sure the online store stayed responsive during busy seasonal sales.";
        var shop = new CvTailor.Api.Generation.Model.ArtifactDocument
        {
            Id = "shop", Title = "Storefront work", StartDate = new DateOnly(2022, 1, 1), EndDate = new DateOnly(2024, 1, 1),
            Description = $"Looked after the team's weekly planning. {Evidence}",
        };
        var garden = shop with { Id = "garden", Title = "Community garden", Description = "Organised volunteers and planted vegetables for the neighbourhood." };
        // One line of three parts; the artifact shows only the first, in other words (shop → store, peaks → busy).
        var parsed = new JobDescriptionParser(DevData.Taxonomy).Parse(
            "Requirements:\n- Keep the online shop responsive during seasonal sales peaks, write the quarterly board report and mentor junior colleagues.");
        Assert.Equal(3, RequirementClauses.Split(parsed.Requirements[0]).Count);
        async Task<RankedArtifact> RankAsync(double weight) =>
            (await new ArtifactRanker(DevData.Taxonomy, new RankingOptions { ClauseAlignmentWeight = weight }, semantic)
                .MatchAsync(parsed, [shop, garden], new DateOnly(2025, 1, 1))).Ranked.Single(r => r.ArtifactId == "shop");

        // The whole line's embedding averages all three parts: too far from the sentence to count.
        var off = await RankAsync(0);
        Assert.Empty(off.CoveredRequirements);

        // Its closest clause is near enough: covered by meaning, and the evidence is the sentence that shows it.
        var on = await RankAsync(1);
        var covered = Assert.Single(on.CoveredRequirements);
        Assert.Equal("semantic", covered.Via);
        Assert.Equal(Evidence, covered.Evidence);
        Assert.True(on.Components.Coverage > off.Components.Coverage);
        Assert.Contains("backs up \"Keep the online shop responsive", on.Explanation, StringComparison.Ordinal);
        Assert.Contains("1 covered by meaning rather than wording", on.Explanation, StringComparison.Ordinal);
    }
}
