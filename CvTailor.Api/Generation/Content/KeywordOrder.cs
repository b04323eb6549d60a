using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Orders matched keywords for display: must-haves before the rest, and within that concrete skills (languages,
/// tools, methods) before broad concepts, domains and soft skills, keeping the posting's order otherwise.
/// </summary>
public static class KeywordOrder
{
    /// <summary>
    /// Matched keywords fit to list as skills: taxonomy skills and named tools or standards, not the posting's free
    /// noun phrases (those are reported in the coverage, with their evidence, but are not skill names), and not a
    /// keyword found only by meaning (<c>via</c> semantic or skill_by_meaning): the artifacts show something close to
    /// it, not the named thing itself, so listing its name as the person's skill would invent one.
    /// </summary>
    public static IReadOnlyList<KeywordEvidence> SkillsForDisplay(MatchResult match, SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(match);
        var phrases = match.Job.Keywords.Where(k => k.Category == "phrase").Select(k => k.Term).ToHashSet(StringComparer.Ordinal);
        return ForDisplay([.. match.Coverage.Matched.Where(k => !phrases.Contains(k.Keyword) && !ByMeaning.Contains(k.Via))], taxonomy);
    }

    static readonly HashSet<string> ByMeaning = new(["semantic", "skill_by_meaning"], StringComparer.Ordinal);

    public static IReadOnlyList<KeywordEvidence> ForDisplay(IReadOnlyList<KeywordEvidence> matched, SkillTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(taxonomy);
        int Importance(KeywordEvidence k) => k.Importance switch
        {
            "must_have" => 0,
            "responsibility" => 1,
            "nice_to_have" => 2,
            _ => 3,
        };

        int Category(KeywordEvidence k) =>
            !taxonomy.TryFind(k.Keyword, out var id) ? 0 : taxonomy[id].Category switch
            {
                "concept" => 1,
                "domain" => 2,
                "soft" => 3,
                _ => 0,
            };

        return [.. matched.Select((k, i) => (k, i)).OrderBy(x => Importance(x.k)).ThenBy(x => Category(x.k)).ThenBy(x => x.i).Select(x => x.k)];
    }
}
