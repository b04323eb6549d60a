using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Tests.Api.Generation;

public class SkillTaxonomyTests
{
    static SkillTaxonomy Taxonomy => SkillTaxonomy.Default;

    static IReadOnlyList<string> SkillsIn(string text) =>
        [.. Taxonomy.FindMentions(Taxonomy.Analyzer.Tokenize(text)).Select(m => Taxonomy.NameOf(m.Skill)).Distinct()];

    [Theory]
    [InlineData("k8s", "Kubernetes")]
    [InlineData("Postgres", "PostgreSQL")]
    [InlineData("AWS EKS", "AWS EKS")]
    [InlineData("Golang", "Go")]
    [InlineData("relational query languages", "SQL")]
    [InlineData("time-series projection", "Forecasting")]
    [InlineData("container orchestration", "Container orchestration")]
    public void Aliases_resolve_to_canonical_skills(string phrase, string skill)
    {
        var id = Taxonomy.ResolvePhrase(phrase);
        Assert.NotNull(id);
        Assert.Equal(skill, Taxonomy.NameOf(id.Value));
    }

    [Fact]
    public void Concept_phrases_match_with_words_in_between()
    {
        Assert.Contains("Container orchestration", SkillsIn("Operate our container scheduling and orchestration platform."));
        Assert.Contains("Infrastructure as code", SkillsIn("Define infrastructure as code and review every change."));
    }

    [Fact]
    public void Narrow_skills_imply_broader_ones()
    {
        Assert.True(Taxonomy.TryFind("Kubernetes", out var k8s));
        Assert.True(Taxonomy.TryFind("Container orchestration", out var orchestration));
        Assert.True(Taxonomy.TryFind("Terraform", out var terraform));
        Assert.True(Taxonomy.TryFind("Infrastructure as code", out var iac));
        Assert.Contains(orchestration, Taxonomy.Closure(k8s));
        Assert.Contains(iac, Taxonomy.Closure(terraform));
        Assert.DoesNotContain(k8s, Taxonomy.Closure(orchestration));
    }

    [Fact]
    public void Ambiguous_words_need_context()
    {
        Assert.DoesNotContain("Go", SkillsIn("Go beyond average effects."));
        Assert.DoesNotContain("Go", SkillsIn("We go live every week."));
        Assert.Contains("Go", SkillsIn("Services are written in Go and Rust."));
        Assert.Contains("Go", SkillsIn("Go programming for operators."));
        Assert.Contains("R", SkillsIn("Statistical programming (R or Python)."));
    }

    [Fact]
    public void Transfer_as_a_verb_is_not_payments()
    {
        Assert.DoesNotContain("Payments", SkillsIn("Covered which design habits transfer directly and which had to be unlearned."));
        Assert.Contains("Payments", SkillsIn("Shape the payments experience: payees, bank transfers and payment requests."));
        Assert.Contains("Payments", SkillsIn("Built the money transfers service."));
    }

    [Fact]
    public void Shipped_taxonomy_is_consistent()
    {
        var document = SkillTaxonomy.ReadShippedDocument();
        var names = document.Skills.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var unknown = document.Skills.SelectMany(s => s.Implies.Select(i => (s.Name, Implied: i)))
            .Where(x => !names.Contains(x.Implied, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.Empty(unknown);
        var unknownRelated = document.Skills.SelectMany(s => s.Related.Select(r => (s.Name, Related: r)))
            .Where(x => !names.Contains(x.Related, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.Empty(unknownRelated);
        Assert.True(names.Count > 250);
        // Related entries read both ways (written once, on either skill).
        var taxonomy = SkillTaxonomy.Default;
        var nomad = taxonomy.ResolvePhrase("Nomad")!.Value;
        var kubernetes = taxonomy.ResolvePhrase("Kubernetes")!.Value;
        Assert.Contains(nomad, taxonomy.Related(kubernetes));
        Assert.Contains(kubernetes, taxonomy.Related(nomad));
    }

    [Fact]
    public void Taxonomy_can_be_extended()
    {
        var extended = Taxonomy.Extend([new SkillDefinition { Name = "Zorblang", Aliases = ["zbl"], Implies = ["Backend development"] }]);
        var id = extended.ResolvePhrase("zbl");
        Assert.NotNull(id);
        Assert.True(extended.TryFind("Backend development", out var backend));
        Assert.Contains(backend, extended.Closure(id.Value));
        Assert.Null(Taxonomy.ResolvePhrase("zbl"));
    }
}
