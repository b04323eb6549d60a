using System.Globalization;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Bench.Generation;

/// <summary>A deterministic synthetic person with many artifacts, for benchmarks (seeded; no real data).</summary>
public static class SyntheticUser
{
    static readonly string[] Types = ["job", "project", "project", "project", "open_source", "publication", "presentation", "certification", "education", "project"];

    static readonly string[] Templates =
    [
        "Built and operated a {0} service that handled about {n1} requests per day for {n2} internal teams.",
        "Led the migration of {n1} services to {0}, cutting deployment time by {p}%.",
        "Designed the {0} data model and tuned queries, reducing p95 latency from {n1} ms to {n2} ms.",
        "Introduced {0} and {1} across the team, which improved reliability and reduced incidents by {p}%.",
        "Mentored {n3} engineers and ran weekly design reviews for the {0} platform.",
        "Wrote documentation and runbooks for {1}, and presented the results to {n2} stakeholders.",
        "Automated testing of the {0} pipeline, raising coverage to {p}% and shortening releases to {n3} days.",
        "Partnered with product and design to ship a {1} feature used by {n1} customers.",
    ];

    public static (UserProfile Profile, IReadOnlyList<ArtifactDocument> Artifacts) Create(int count, int seed, SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var random = new Random(seed);
        var skills = Enumerable.Range(0, taxonomy.Count)
            .Where(i => taxonomy[i].Category is not ("domain" or "soft" or "concept"))
            .Select(taxonomy.NameOf)
            .ToArray();
        var artifacts = new List<ArtifactDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var type = Types[random.Next(Types.Length)];
            var tech = Enumerable.Range(0, 2 + random.Next(5)).Select(_ => skills[random.Next(skills.Length)]).Distinct().ToList();
            var sentences = Enumerable.Range(0, 4 + random.Next(4)).Select(_ =>
            {
                var t = Templates[random.Next(Templates.Length)];
                return t.Replace("{0}", tech[0], StringComparison.Ordinal)
                    .Replace("{1}", tech[^1], StringComparison.Ordinal)
                    .Replace("{n1}", (100 + random.Next(9900)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{n2}", (2 + random.Next(60)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{n3}", (2 + random.Next(9)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{p}", (5 + random.Next(80)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            });
            var start = new DateOnly(2008 + random.Next(16), 1 + random.Next(12), 1);
            var end = random.Next(5) == 0 ? (DateOnly?)null : start.AddMonths(3 + random.Next(30));
            var title = type switch
            {
                "job" => $"Senior Engineer, {tech[0]} Team, Company{i:000}",
                "education" => $"M.Sc. Computer Science, University{i:000}",
                "certification" => $"Certified {tech[0]} Professional",
                _ => $"{tech[0]} {(type == "publication" ? "paper" : type == "presentation" ? "talk" : "project")} {i:000}",
            };
            artifacts.Add(new ArtifactDocument
            {
                Id = $"syn-{i:000}",
                Title = title,
                ArtifactType = type,
                Description = string.Join(' ', sentences),
                StartDate = start,
                EndDate = end,
                Technologies = tech,
                EvidenceLinks = random.Next(3) == 0 ? [] : [new EvidenceLinkDocument($"https://example.com/synthetic/{i:000}", "website", "Write-up")],
            });
        }

        var profile = new UserProfile
        {
            FirstName = "Sam",
            LastName = "Synthetic",
            Email = "sam.synthetic@example.com",
            Headline = "Senior Engineer | platforms and data",
        };
        return (profile, artifacts);
    }
}
