using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;

namespace CvTailor.Tests.Api.Generation;

/// <summary>
/// The match's performance seams change nothing it says: text analyses are reused by their texts only (an edit is
/// analysed again; the same texts of another artifact or user come back as that artifact).
/// </summary>
public sealed class MatchCachingTests
{
    static ArtifactDocument Document(string id, string description, params string[] technologies) => new()
    {
        Id = id,
        Title = "Settlement service",
        Description = description,
        StartDate = new DateOnly(2021, 1, 1),
        Technologies = technologies,
    };

    [Fact]
    public void The_same_texts_reuse_one_analysis_under_the_callers_own_artifact()
    {
        var analyzer = new ArtifactAnalyzer(DevData.Taxonomy);
        var text = $"Built the settlement service in Go on PostgreSQL. Published every posting to Kafka. {Guid.NewGuid():N}.";
        var first = analyzer.Analyze(Document("1", text, "Go"));
        var other = Document("2", text, "Go") with { StartDate = new DateOnly(2012, 1, 1), EndDate = new DateOnly(2013, 1, 1) };

        var again = analyzer.Analyze(other);

        Assert.Same(first.Sentences, again.Sentences); // not analysed again
        Assert.Same(other, again.Artifact);             // yet it is the caller's artifact: id, dates, links
        Assert.Equal("2", again.Id);
        Assert.Equal("1", first.Id);
    }

    [Fact]
    public void An_edited_text_technology_or_chunk_is_analysed_again()
    {
        var analyzer = new ArtifactAnalyzer(DevData.Taxonomy);
        var marker = Guid.NewGuid().ToString("N");
        var original = Document("1", $"Built the settlement service in Go. Published every posting to Kafka. {marker}.", "Go");
        var before = analyzer.Analyze(original);
        var kafka = DevData.Taxonomy.ResolvePhrase("Kafka")!.Value;
        var terraform = DevData.Taxonomy.ResolvePhrase("Terraform")!.Value;
        Assert.True(before.HasSkill(kafka));

        var edited = analyzer.Analyze(original with { Description = $"Built the settlement service in Go. {marker}." });
        Assert.NotSame(before.Sentences, edited.Sentences);
        Assert.False(edited.HasSkill(kafka));
        Assert.DoesNotContain(edited.Sentences, s => s.Contains("Kafka", StringComparison.Ordinal));

        var retooled = analyzer.Analyze(original with { Technologies = ["Go", "Terraform"] });
        Assert.True(retooled.HasSkill(terraform));
        Assert.False(before.HasSkill(terraform));

        var chunked = analyzer.Analyze(original with { ChunkTexts = ["Provisioned the clusters with Terraform."] });
        Assert.True(chunked.HasSkill(terraform));
        Assert.Contains("Provisioned the clusters with Terraform.", chunked.Sentences);
    }
}
