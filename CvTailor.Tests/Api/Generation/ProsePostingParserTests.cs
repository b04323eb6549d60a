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

    [Fact]
    public void A_title_line_gives_the_role_and_the_company_it_names_again_and_the_opening_sentence_the_industry()
    {
        var parsed = Parser.Parse("""
            Senior Data Engineer — Hollowmere Health

            Hollowmere Health runs clinics and a telehealth service for 400,000 patients across the north of England. We are looking for a senior data engineer to own the pipelines behind the dashboards our clinicians use. Experience with dbt and Airflow is required.
            """);
        Assert.Equal("Senior Data Engineer", parsed.RoleTitle);
        Assert.Equal("senior", parsed.SeniorityLevel);
        Assert.Equal("Hollowmere Health", parsed.CompanyInfo.Name);
        Assert.Equal("Healthcare", parsed.CompanyInfo.Industry);
        Assert.Contains("dbt", parsed.MustHaveSkills);

        // A role whose own title has a comma keeps it when the text does not name what follows as a company.
        var role = Parser.Parse("Engineer, Payments Platform\n\nYou will build our card payments services in Go.");
        Assert.Equal("Engineer, Payments Platform", role.RoleTitle);
        Assert.Equal("", role.CompanyInfo.Name);
    }

    [Fact]
    public void Years_in_words_wanting_language_and_a_reporting_line_are_read_as_a_recruiter_would()
    {
        var parsed = Parser.Parse("""
            Embedded Firmware Engineer at Corvane

            Corvane was founded three years ago and designs wearable infusion pumps. We need a firmware engineer who writes C for microcontrollers and has shipped products on FreeRTOS. You have at least four years of embedded experience. Bluetooth Low Energy experience would be very welcome. You will report to the Head of Firmware.
            """);
        Assert.Equal("Embedded Firmware Engineer", parsed.RoleTitle);
        Assert.Equal("Corvane", parsed.CompanyInfo.Name);
        // Four from the requirement; the company's "three years ago" is no requirement.
        Assert.Equal(4, parsed.ExperienceRequirements.Years);
        Assert.Contains(parsed.Requirements, r => r.Kind == RequirementKind.MustHave && r.Text.StartsWith("We need a firmware engineer", StringComparison.Ordinal));
        Assert.Contains(parsed.Keywords, k => k.Term == "FreeRTOS" && k.Importance == RequirementKind.MustHave);
        Assert.Contains(parsed.Keywords, k => k.Term == "Bluetooth Low Energy" && k.Importance == RequirementKind.NiceToHave);
        // The reporting line names a team, not a skill or product.
        Assert.DoesNotContain(parsed.Keywords, k => k.Term is "Head" or "Firmware" or "Head of Firmware");
    }

    [Fact]
    public void The_company_comes_from_the_sentence_that_introduces_it_and_a_team_is_not_a_company()
    {
        var parsed = Parser.Parse("""
            Data Analyst, Customer Insights

            Pellinore Insurance protects 600,000 homes and cars across Ireland. The Customer Insights team helps the business understand why customers join, claim and leave. You understand retention metrics and write clean SQL. You'll design the systems that score renewals.
            """);
        Assert.Equal("Data Analyst, Customer Insights", parsed.RoleTitle);
        Assert.Equal("Pellinore Insurance", parsed.CompanyInfo.Name);
        Assert.Equal("Insurance", parsed.CompanyInfo.Industry);
        Assert.Contains("SQL", parsed.MustHaveSkills);
        // "design the systems" is a verb and its object, not the UI practice "design systems".
        Assert.DoesNotContain(parsed.Requirements, r => r.Skills.Contains("Design systems"));
    }

    [Fact]
    public void Markdown_headings_and_bold_read_as_the_sections_they_mark()
    {
        var parsed = Parser.Parse("""
            **Machine Learning Engineer, Search Ranking**

            At Quillfeather we help 2 million readers find their next book.

            **What you'll do**
            * Build and ship learning-to-rank models for our search
            * Work with data engineers on feature pipelines in Spark

            ### Who you are
            * 3+ years of experience shipping ML models to production
            * Strong Python; PyTorch or TensorFlow

            **Nice to have**
            * Experience with vector search and embeddings
            """);
        Assert.Equal("Machine Learning Engineer, Search Ranking", parsed.RoleTitle);
        Assert.Equal("Quillfeather", parsed.CompanyInfo.Name);
        Assert.DoesNotContain(parsed.Requirements, r => r.Text.Contains('*', StringComparison.Ordinal) || r.Text.Contains('#', StringComparison.Ordinal));
        Assert.Contains(parsed.Requirements, r => r.Kind == RequirementKind.Responsibility && r.Text.StartsWith("Work with data engineers", StringComparison.Ordinal));
        Assert.Equal(["Machine learning", "Python", "PyTorch", "TensorFlow"], parsed.MustHaveSkills);
        Assert.Equal(["Vector search", "Embeddings"], parsed.NiceToHaveSkills);
        Assert.Equal(3, parsed.ExperienceRequirements.Years);
    }
}
