using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;

namespace CvTailor.Tests.Api.Generation;

public class KeywordOrderTests
{
    [Fact]
    public void Only_keywords_the_artifacts_show_by_name_are_listed_as_skills_must_haves_first()
    {
        var job = new JobDescriptionParser(DevData.Taxonomy).Parse(
            "Requirements:\n- Experience with Kubernetes and Terraform.\n- Experience with Temporal and Vitess.\n\nNice to have\n- Python.");
        static KeywordEvidence Found(string keyword, string importance, string via) =>
            new(keyword, importance, "a1", "Platform work", "Ran the clusters.", via, null);
        var coverage = new KeywordCoverageReport(
            [
                Found("Python", "nice_to_have", "technology"),
                Found("Kubernetes", "must_have", "skill"),
                // Shown only through something close in meaning: listing the name would claim a tool never used.
                Found("Temporal", "must_have", "skill_by_meaning"),
                Found("Vitess", "must_have", "semantic"),
                Found("Terraform", "must_have", "implied_skill"),
            ],
            []);

        var listed = KeywordOrder.SkillsForDisplay(new MatchResult(job, [], coverage, "use-lite"), DevData.Taxonomy);

        Assert.Equal(["Kubernetes", "Terraform", "Python"], listed.Select(k => k.Keyword));
    }
}
