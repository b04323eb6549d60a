using CvTailor.Api.Generation.Grounding;

namespace CvTailor.Tests.Api.Generation;

public class GroundingCheckerTests
{
    static readonly GroundingChecker Checker = new(DevData.Taxonomy);

    static GroundingSource Source(string userId) => new(DevData.Artifacts(userId), DevData.Profile(userId), "Tallyrock", "Senior Backend Engineer");

    [Fact]
    public void Accepts_facts_taken_from_the_inputs()
    {
        var report = Checker.Check(
            "Senior Backend Engineer at Ledgerline: cut pages from 11 to 3 per week, migrated 310 million transactions with Kafka and PostgreSQL; applying to Tallyrock. Container orchestration with Kubernetes since 2022.",
            Source("u1"));
        Assert.True(report.IsGrounded, string.Join("; ", report.Violations.Select(v => $"{v.Kind}: {v.Value}")));
    }

    [Fact]
    public void Flags_invented_numbers_skills_and_organisations()
    {
        var report = Checker.Check("Led a team of 47 engineers at Google, building Java services and Snowflake pipelines.", Source("u1"));
        Assert.False(report.IsGrounded);
        Assert.Contains(report.Violations, v => v is { Kind: "number", Value: "47" });
        Assert.Contains(report.Violations, v => v is { Kind: "skill", Value: "Java" });
        Assert.Contains(report.Violations, v => v is { Kind: "skill", Value: "Snowflake" });
        Assert.Contains(report.Violations, v => v is { Kind: "organization", Value: "Google" });
    }

    [Fact]
    public void Another_users_facts_do_not_count()
    {
        var report = Checker.Check("Reduced fresh-food waste by 14% with LightGBM at Grocerly.", Source("u1"));
        Assert.Contains(report.Violations, v => v.Value == "LightGBM");
        Assert.Contains(report.Violations, v => v.Value == "Grocerly");
        Assert.True(Checker.Check("Reduced fresh-food waste by 14% with LightGBM at Grocerly.", new GroundingSource(DevData.Artifacts("u2"), DevData.Profile("u2"))).IsGrounded);
    }
}
