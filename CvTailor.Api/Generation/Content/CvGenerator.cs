using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Builds the CV content from a match: work history from job artifacts (reverse-chronological, as recruiters and
/// ATS parsers expect, with more bullets for the more relevant jobs), projects, publications and talks by relevance,
/// education and certifications; every line is taken from the person's profile or artifacts.
/// </summary>
public sealed class CvGenerator(SkillTaxonomy taxonomy)
{
    public CvContent Generate(MatchResult match, UserProfile profile, GenerationPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(preferences);
        var selector = new SentenceSelector(taxonomy, match.Job);
        var ranked = match.Ranked;
        var concise = preferences.IsConcise;
        var jobTerms = JobTermOrder(match);

        var jobs = ranked.Where(r => r.Profile.Artifact.IsJob).Take(concise ? 4 : 6).ToList();
        var experience = jobs
            .OrderByDescending(r => r.Profile.Artifact.StartDate ?? DateOnly.MinValue)
            .ThenBy(r => r.ArtifactId, StringComparer.Ordinal)
            .Select(r =>
            {
                var a = r.Profile.Artifact;
                var (title, organization) = TitleParts.Split(a.Title, a.Organization);
                var relevanceRank = jobs.IndexOf(r);
                var bullets = (concise ? 3 : 4) - Math.Min(concise ? 1 : 2, relevanceRank);
                return new CvExperience(
                    title,
                    organization,
                    DateText.Range(a.StartDate, a.EndDate),
                    [.. selector.Rank(r).Take(bullets).Select(s => s.Text)],
                    OrderTechnologies(a.Technologies, jobTerms),
                    [.. a.EvidenceLinks.Select(l => l.Url)]);
            })
            .ToList();

        var projects = ranked
            .Where(r => r.ArtifactType is "project" or "open_source"
                        || (preferences.IncludePublications && r.ArtifactType is "publication" or "presentation"))
            .Where(r => r.Score > 0)
            .Take(concise ? 3 : 4)
            .Select(r => BuildProject(r, selector, jobTerms, concise))
            .ToList();

        var education = ranked.Where(r => r.Profile.Artifact.IsEducation)
            .OrderByDescending(r => r.Profile.Artifact.EndDate ?? r.Profile.Artifact.StartDate ?? DateOnly.MinValue)
            .Select(r =>
            {
                var a = r.Profile.Artifact;
                var (degree, institution) = TitleParts.Split(a.Title, a.Organization);
                var year = (a.EndDate ?? a.StartDate)?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
                var details = selector.Rank(r.Profile).OrderBy(s => s.Index).FirstOrDefault()?.Text ?? "";
                return new CvEducation(degree, institution, year, details);
            })
            .ToList();

        var certifications = !preferences.IncludeCertifications
            ? []
            : ranked.Where(r => r.Profile.Artifact.IsCertification)
                .Select(r =>
                {
                    var a = r.Profile.Artifact;
                    return new CvCertification(a.Title, a.Organization ?? "", a.StartDate is { } d ? DateText.Month(d) : "");
                })
                .ToList();

        return new CvContent(
            Summary(match, profile, selector, preferences),
            KeySkills(match, concise),
            experience,
            projects,
            education,
            certifications);
    }

    CvProject BuildProject(RankedArtifact r, SentenceSelector selector, IReadOnlyList<string> jobTerms, bool concise)
    {
        var a = r.Profile.Artifact;
        var sentences = selector.Rank(r);
        var impact = sentences.Where(s => s.Quantified).Take(concise ? 1 : 2).ToList();
        var description = sentences.Where(s => !impact.Contains(s)).OrderBy(s => s.Index).FirstOrDefault()
                          ?? sentences.OrderBy(s => s.Index).FirstOrDefault();
        if (description is not null && impact.Contains(description))
        {
            impact.Remove(description);
        }

        return new CvProject(
            a.Title,
            description?.Text ?? "",
            OrderTechnologies(a.Technologies, jobTerms),
            PreferredLink(a)?.Url ?? "",
            string.Join(' ', impact.OrderBy(s => s.Index).Select(s => s.Text)));
    }

    /// <summary>Skills the posting asks for that the person evidences (in the posting's order), then their strongest technologies.</summary>
    List<string> KeySkills(MatchResult match, bool concise)
    {
        var limit = concise ? 10 : 15;
        var skills = new List<string>();
        void Add(string s)
        {
            if (skills.Count < limit && !skills.Contains(s, StringComparer.OrdinalIgnoreCase))
            {
                skills.Add(s);
            }
        }

        foreach (var k in KeywordOrder.SkillsForDisplay(match, taxonomy))
        {
            Add(k.Keyword);
        }

        foreach (var r in match.Ranked.Take(6))
        {
            foreach (var t in r.Profile.Artifact.Technologies)
            {
                Add(t);
            }
        }

        return skills;
    }

    string Summary(MatchResult match, UserProfile profile, SentenceSelector selector, GenerationPreferences preferences)
    {
        var role = HeadlineRole(profile, match);
        var skills = KeywordOrder.SkillsForDisplay(match, taxonomy)
            .Where(k => preferences.Tone != "technical" || taxonomy.TryFind(k.Keyword, out var id) && taxonomy[id].Category is not ("soft" or "domain"))
            .Select(k => k.Keyword).Take(preferences.Tone == "technical" ? 6 : 4).ToList();
        var sentences = new List<string>();
        var lead = string.IsNullOrEmpty(role) ? "Experienced professional" : role;
        sentences.Add(skills.Count > 0
            ? $"{lead} with hands-on experience in {JoinList(skills)}."
            : $"{lead}.");

        var highlights = match.Ranked.Where(r => !r.Profile.Artifact.IsJob && !r.Profile.Artifact.IsEducation && !r.Profile.Artifact.IsCertification)
            .Take(2).Select(r => r.Title).ToList();
        if (!preferences.IsConcise && highlights.Count > 0)
        {
            sentences.Add($"Relevant work includes {JoinList(highlights)}.");
        }

        var top = match.Ranked.Count > 0 ? match.Ranked[0] : null;
        var best = top is null ? null : selector.Rank(top).FirstOrDefault(s => s.Quantified);
        if (best is not null)
        {
            sentences.Add(best.Text);
        }

        return string.Join(' ', sentences);
    }

    /// <summary>The role part of the headline ("Staff Platform Engineer | Go, …" → "Staff Platform Engineer"), else the latest job title.</summary>
    static string HeadlineRole(UserProfile profile, MatchResult match)
    {
        var headline = profile.Headline.Split('|', StringSplitOptions.TrimEntries)[0];
        if (headline.Length is > 0 and <= 80)
        {
            return headline;
        }

        var latest = match.Ranked.Where(r => r.Profile.Artifact.IsJob)
            .OrderByDescending(r => r.Profile.Artifact.StartDate ?? DateOnly.MinValue).FirstOrDefault();
        return latest is null ? "" : TitleParts.Split(latest.Profile.Artifact.Title, latest.Profile.Artifact.Organization).Head;
    }

    static List<string> JobTermOrder(MatchResult match) =>
        [.. match.Coverage.Matched.Select(k => k.Keyword)];

    /// <summary>Technologies as written, those the posting asks for first.</summary>
    List<string> OrderTechnologies(IReadOnlyList<string> technologies, IReadOnlyList<string> jobTerms)
    {
        int Key(string tech)
        {
            var skill = taxonomy.ResolvePhrase(tech);
            if (skill is null)
            {
                return int.MaxValue;
            }

            var closure = taxonomy.Closure(skill.Value).Select(taxonomy.NameOf).ToList();
            var index = jobTerms.Select((t, i) => (t, i)).FirstOrDefault(x => closure.Contains(x.t, StringComparer.OrdinalIgnoreCase), (t: "", i: -1)).i;
            return index < 0 ? int.MaxValue : index;
        }

        return [.. technologies.Select((t, i) => (t, i)).OrderBy(x => Key(x.t)).ThenBy(x => x.i).Select(x => x.t)];
    }

    internal static EvidenceLinkDocument? PreferredLink(ArtifactDocument artifact)
    {
        string[] order = ["github", "live_app", "paper", "document", "video", "website", "portfolio", "other"];
        return artifact.EvidenceLinks
            .OrderBy(l => Array.IndexOf(order, l.LinkType) is var i && i < 0 ? order.Length : i)
            .FirstOrDefault();
    }

    internal static string JoinList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
