using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Writes a cover letter that names the company and role, says which of the posting's requirements the person's
/// work covers, and cites two or three of their most relevant artifacts with evidence links, quoting one sentence
/// from each. Gaps are stated plainly instead of being papered over.
/// </summary>
public sealed class CoverLetterGenerator(SkillTaxonomy taxonomy)
{
    public CoverLetterContent Generate(MatchResult match, UserProfile profile, string companyName, string roleTitle, GenerationPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(preferences);
        // The client's names first; else what the posting itself says (its title line or the sentence introducing the company).
        var company = string.IsNullOrWhiteSpace(companyName) ? match.Job.CompanyInfo.Name : companyName.Trim();
        var role = string.IsNullOrWhiteSpace(roleTitle) ? match.Job.RoleTitle : roleTitle.Trim();
        var selector = new SentenceSelector(taxonomy, match.Job);

        var evidence = match.Ranked
            .Where(r => r.Profile.Artifact.EvidenceLinks.Count > 0)
            .Take(3)
            .Select(r =>
            {
                var link = CvGenerator.PreferredLink(r.Profile.Artifact)!;
                var ranked = selector.Rank(r);
                var sentence = ranked.Count > 0 ? ranked[0].Text : "";
                return new CoverLetterEvidence(r.ArtifactId, r.Title, link.Url, link.Description, sentence);
            })
            .ToList();

        var salutation = company.Length > 0 ? $"Dear {company} hiring team," : "Dear Hiring Manager,";
        var headline = profile.Headline.Split('|', StringSplitOptions.TrimEntries)[0];
        var roleText = role.Length > 0 ? $"the {role} role" : "this role";
        var atCompany = company.Length > 0 ? $" at {company}" : "";
        var matched = KeywordOrder.SkillsForDisplay(match, taxonomy).Select(k => k.Keyword).Take(4).ToList();
        var opening = $"I am writing to apply for {roleText}{atCompany}."
                      + (headline.Length > 0 ? $" I work as a {headline}" : " My background")
                      + (matched.Count > 0 ? $"{(headline.Length > 0 ? ", and" : " covers")} my work covers much of what the posting asks for: {CvGenerator.JoinList(matched)}." : ".");

        var body = new List<string>();
        for (var i = 0; i < evidence.Count; i++)
        {
            var e = evidence[i];
            var intro = i switch
            {
                0 => $"The work most relevant to {roleText} is {e.ArtifactTitle}.",
                1 => $"Another example is {e.ArtifactTitle}.",
                _ => $"I would also point to {e.ArtifactTitle}.",
            };
            var link = e.LinkDescription.Length > 0 ? $"{e.LinkDescription}: {e.Url}" : e.Url;
            body.Add($"{intro} {e.Highlight} ({link})".Replace("  ", " ", StringComparison.Ordinal));
        }

        var phrases = match.Job.Keywords.Where(k => k.Category == "phrase").Select(k => k.Term).ToHashSet(StringComparer.Ordinal);
        var missingMust = match.Coverage.Missing.Where(m => m.Importance == "must_have" && !phrases.Contains(m.Keyword))
            .Select(m => m.Keyword).Take(2).ToList();
        var gap = missingMust.Count == 0
            ? ""
            : $"I have less direct experience with {CvGenerator.JoinList(missingMust)}, and I would approach it the way I have approached new areas before: by building with it early and learning from the people who know it best.";

        var closing = company.Length > 0
            ? $"I would welcome the chance to discuss how I could contribute to {company}. Thank you for your time and consideration."
            : "I would welcome the chance to discuss how I could contribute. Thank you for your time and consideration.";
        const string signOff = "Kind regards,";
        var signature = profile.FullName;
        var parts = new List<string> { salutation, opening };
        parts.AddRange(body);
        if (gap.Length > 0)
        {
            parts.Add(gap);
        }

        parts.Add(closing);
        parts.Add(signOff + "\n" + signature + (profile.Email.Length > 0 ? "\n" + profile.Email : ""));
        return new CoverLetterContent("cover_letter", company, role, salutation, opening, body, evidence, gap, closing, signOff, signature,
            string.Join("\n\n", parts));
    }
}
