using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Tests.Api.Generation;

/// <summary>Postings written as paragraphs are read as well as bulleted ones: requirements, keywords and industry.</summary>
public class ProsePostingParserTests
{
    static readonly JobDescriptionParser Parser = new(SkillTaxonomy.Default);

    public static TheoryData<string> Names => [.. ProsePostings.All.Select(p => p.Name)];

    static ProsePostings.Posting Get(string name) => ProsePostings.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Must_have_skills_are_found_in_prose(string name)
    {
        var posting = Get(name);
        var parsed = Parser.Parse(posting.Text, posting.Company);
        foreach (var skill in posting.MustHave)
        {
            Assert.Contains(skill, parsed.MustHaveSkills);
        }

        foreach (var skill in posting.NiceToHave)
        {
            Assert.Contains(skill, parsed.NiceToHaveSkills);
            Assert.DoesNotContain(skill, parsed.MustHaveSkills);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Keywords_beyond_the_taxonomy_are_extracted(string name)
    {
        var posting = Get(name);
        var parsed = Parser.Parse(posting.Text, posting.Company);
        foreach (var term in posting.ExtractedKeywords)
        {
            Assert.Contains(parsed.Keywords, k => string.Equals(k.Term, term, StringComparison.OrdinalIgnoreCase));
        }

        // Every keyword is the posting's own wording or a taxonomy skill, and the company's offer is not a keyword.
        Assert.All(parsed.Keywords, k => Assert.True(
            posting.Text.Contains(k.Term, StringComparison.OrdinalIgnoreCase) || k.SkillId is not null, k.Term));
        Assert.DoesNotContain(parsed.Keywords, k => k.Term.Contains("budget", StringComparison.OrdinalIgnoreCase)
                                                   || k.Term.Contains("office", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Industry_only_when_the_text_supports_it(string name)
    {
        var posting = Get(name);
        var parsed = Parser.Parse(posting.Text, posting.Company);
        Assert.Equal(posting.Industry, parsed.CompanyInfo.Industry);
    }

    [Fact]
    public void Optional_language_makes_a_nice_to_have_wherever_it_stands()
    {
        var parsed = Parser.Parse("""
            Requirements:
            - Strong Python.
            - Familiarity with Airflow.
            - Exposure to Kafka would help.
            """);
        Assert.Contains("Python", parsed.MustHaveSkills);
        Assert.Contains("Airflow", parsed.NiceToHaveSkills);
        Assert.Contains("Kafka", parsed.NiceToHaveSkills);
    }

    [Fact]
    public void Company_sentences_stay_context_and_prose_requirements_are_not()
    {
        var posting = Get("fintech backend");
        var parsed = Parser.Parse(posting.Text, posting.Company);
        Assert.Equal(RequirementKind.Context, parsed.Requirements[0].Kind);
        Assert.Contains(parsed.Requirements, r => r.Kind == RequirementKind.Responsibility && r.Text.StartsWith("You will design", StringComparison.Ordinal));
        Assert.Equal(RequirementKind.Context, parsed.Requirements[^1].Kind);
        Assert.True(parsed.ConfidenceScore > 0.5);
    }
}
