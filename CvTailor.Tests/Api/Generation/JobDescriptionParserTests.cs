using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Parsing;

namespace CvTailor.Tests.Api.Generation;

public class JobDescriptionParserTests
{
    static JobDescriptionParser Parser => new(DevData.Taxonomy);

    [Fact]
    public void Parses_sections_skills_and_experience_of_a_posting()
    {
        var job = DevData.Job("u1-j1");
        var parsed = Parser.Parse(job.Description, job.Company, job.RoleTitle);

        Assert.Equal(job.RoleTitle, parsed.RoleTitle);
        Assert.Equal("senior", parsed.SeniorityLevel);
        Assert.Equal(5, parsed.ExperienceRequirements.Years);
        Assert.Equal(job.Company, parsed.CompanyInfo.Name);
        Assert.Equal(6, parsed.Requirements.Count(r => r.Kind == RequirementKind.Responsibility));
        Assert.Equal(4, parsed.Requirements.Count(r => r.Kind == RequirementKind.MustHave));
        Assert.Equal(4, parsed.Requirements.Count(r => r.Kind == RequirementKind.NiceToHave));
        Assert.Equal(RequirementKind.Context, parsed.Requirements[^1].Kind);
        Assert.Equal(5, parsed.KeyResponsibilities.Count);
        foreach (var skill in new[] { "Go", "Java", "PostgreSQL", "Kafka" })
        {
            Assert.Contains(skill, parsed.MustHaveSkills);
        }

        Assert.Contains("PCI DSS", parsed.NiceToHaveSkills);
        Assert.Contains("Kubernetes", parsed.NiceToHaveSkills);
        Assert.DoesNotContain("Kubernetes", parsed.MustHaveSkills);
        Assert.Contains(parsed.Keywords, k => k.Term == "gRPC");
        Assert.Equal(RequirementKind.MustHave, parsed.Keywords.First(k => k.Term == "PostgreSQL").Importance);
    }

    [Fact]
    public void Phrases_about_the_business_are_not_keywords_but_skills_outside_the_taxonomy_are()
    {
        // Fictional posting: the customers' situation and the company's channels are context, not skills a CV shows.
        const string text = """
            Harbourline Ferries carries 2 million passengers a year.

            What you will do
            - Improve ticket refunds for passengers in remote island communities and at busy harbour kiosks.

            What we are looking for
            - Tidal timetable modelling.
            - Hands-on vessel sensor engineering.
            - Familiarity with harbour dues.
            """;
        var keywords = Parser.Parse(text, "Harbourline Ferries", "Product Analyst").Keywords.Select(k => k.Term).ToList();

        Assert.Contains(keywords, k => k.Contains("timetable modelling", StringComparison.Ordinal));
        Assert.Contains(keywords, k => k.Contains("vessel sensor engineering", StringComparison.Ordinal));
        // Cue-led ("familiarity with …") phrases stay, whatever their head noun.
        Assert.Contains("harbour dues", keywords);
        Assert.DoesNotContain(keywords, k => k.Contains("island communities", StringComparison.Ordinal));
        Assert.DoesNotContain(keywords, k => k.Contains("harbour kiosks", StringComparison.Ordinal));
        Assert.DoesNotContain(keywords, k => k.Contains("ticket refunds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_language_is_a_keyword_when_the_posting_asks_for_command_of_it_not_when_it_describes_the_customers()
    {
        // Fictional posting.
        const string text = """
            What you will do
            - Make our forms work for people with low digital confidence or limited English.
            - Support clients who work in Dutch, Polish and Czech.

            What we are looking for
            - Fluent German and written English.
            """;
        var keywords = Parser.Parse(text, "Kestrelmoor Energy", "Service Designer").Keywords.Select(k => k.Term).ToList();

        Assert.Contains("German", keywords);
        Assert.Contains(keywords, k => k.Contains("English", StringComparison.Ordinal));
        Assert.DoesNotContain(keywords, k => k.Contains("limited", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(keywords, k => k.Contains("Dutch", StringComparison.Ordinal) || k.Contains("Polish", StringComparison.Ordinal) || k.Contains("Czech", StringComparison.Ordinal));
    }

    [Fact]
    public void Content_hash_is_sha256_of_the_raw_text_and_parsing_is_deterministic()
    {
        var job = DevData.Job("u2-j4");
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job.Description)));
        var first = Parser.Parse(job.Description, job.Company);
        var second = new JobDescriptionParser(DevData.Taxonomy).Parse(job.Description, job.Company);
        Assert.Equal(expected, first.ContentHash);
        Assert.Equal(JsonSerializer.Serialize(first, GenerationJson.Options), JsonSerializer.Serialize(second, GenerationJson.Options));
    }

    [Fact]
    public void Detects_role_title_and_cues_without_hints()
    {
        const string posting = """
            Acme builds accounting software. We are hiring a Senior Data Engineer to grow our analytics platform.

            What you'll do:
            - Build batch pipelines in Python and Airflow.
            - Own our Snowflake warehouse.

            Requirements:
            - 6+ years with SQL and dbt.
            - Experience with Kafka is a plus.

            Bonus points
            - Terraform.
            """;
        var parsed = Parser.Parse(posting);
        Assert.Equal("Senior Data Engineer", parsed.RoleTitle);
        Assert.Equal("senior", parsed.SeniorityLevel);
        Assert.Equal(6, parsed.ExperienceRequirements.Years);
        Assert.Contains("SQL", parsed.MustHaveSkills);
        Assert.Contains("dbt", parsed.MustHaveSkills);
        Assert.Contains("Kafka", parsed.NiceToHaveSkills);
        Assert.Contains("Terraform", parsed.NiceToHaveSkills);
        Assert.Contains(parsed.Requirements, r => r.Kind == RequirementKind.Responsibility && r.Skills.Contains("Airflow"));
    }

    [Fact]
    public void Serialises_the_original_parsed_data_keys()
    {
        var job = DevData.Job("u3-j1");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Parser.Parse(job.Description, job.Company, job.RoleTitle), GenerationJson.Options));
        foreach (var key in new[] { "role_title", "seniority_level", "company_info", "must_have_skills", "nice_to_have_skills", "key_responsibilities", "company_values", "experience_requirements", "confidence_score", "content_hash", "requirements", "keywords" })
        {
            Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        }
    }
}
