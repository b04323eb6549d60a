using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.RankingEvaluation;

namespace CvTailor.Tests.Api.Generation;

/// <summary>The fictional dev set copied into Fixtures/, loaded once for all tests.</summary>
public static class DevData
{
    static readonly Lazy<RelevanceDevSet> Data = new(() =>
        RelevanceDevSet.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "relevance-dev.json")));

    public static RelevanceDevSet Set => Data.Value;

    public static SkillTaxonomy Taxonomy => SkillTaxonomy.Default;

    public static DevJob Job(string id) => Set.Jobs.Single(j => j.Id == id);

    public static UserProfile Profile(string userId) => Set.Users.Single(u => u.Id == userId).ToProfile();

    public static IReadOnlyList<ArtifactDocument> Artifacts(string userId) => Set.ArtifactsOf(userId);

    public static GenerationRequest Request(DevJob job, GenerationPreferences? preferences = null) => new()
    {
        JobDescription = job.Description,
        CompanyName = job.Company,
        RoleTitle = job.RoleTitle,
        AsOf = RelevanceDevSet.DefaultAsOf,
        Preferences = preferences ?? new GenerationPreferences(),
    };

    public static IEnumerable<object[]> JobIds => Set.Jobs.Select(j => new object[] { j.Id });

    /// <summary>All text of the other users, to prove nothing leaks across users.</summary>
    public static IReadOnlyList<string> ForeignPhrases(string userId) =>
        [.. Set.Artifacts.Where(a => a.UserId != userId).Select(a => a.Title)
            .Concat(Set.Users.Where(u => u.Id != userId).Select(u => u.Name))];
}
