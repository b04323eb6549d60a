using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Taxonomy;

namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Picks an artifact's own sentences for a CV: quantified achievements first, then those naming skills the posting
/// asks for (must-haves count more) or that the ranking aligned with a requirement (the evidence of its covered
/// requirements, in whatever words), then the rest in their original order. Sentences are used verbatim.
/// </summary>
public sealed partial class SentenceSelector(SkillTaxonomy taxonomy, ParsedJobDescription job)
{
    readonly HashSet<int> _jobSkills = [.. job.Requirements.Where(r => r.Kind != RequirementKind.Context).SelectMany(r => r.SkillIds)];
    readonly HashSet<int> _mustSkills = [.. job.Requirements.Where(r => r.Kind == RequirementKind.MustHave).SelectMany(r => r.SkillIds)];

    /// <summary>Description sentences of the artifact, best first (title and chunk texts excluded).</summary>
    public IReadOnlyList<ScoredSentence> Rank(RankedArtifact ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return Rank(ranked.Profile, ranked.CoveredRequirements);
    }

    public IReadOnlyList<ScoredSentence> Rank(ArtifactProfile profile, IReadOnlyList<CoveredRequirement>? aligned = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var alignment = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in aligned ?? [])
        {
            alignment[c.Evidence] = alignment.GetValueOrDefault(c.Evidence) + c.Kind switch
            {
                "must_have" => 1.0,
                "responsibility" => 0.7,
                _ => 0.5,
            };
        }

        var count = 1 + CountDescriptionSentences(profile);
        var scored = new List<ScoredSentence>();
        for (var s = 1; s < count && s < profile.Sentences.Count; s++)
        {
            var text = profile.Sentences[s];
            var skills = profile.SentenceMentions[s]
                .SelectMany(m => taxonomy.Closure(m.Skill)).Where(_jobSkills.Contains).Distinct().ToList();
            var relevance = Math.Min(3, skills.Count) + (0.5 * Math.Min(2, skills.Count(_mustSkills.Contains)));
            var overlap = profile.SentenceTokens[s].Where(t => !t.IsStopWord && job.QueryTerms.ContainsKey(t.Stem))
                .Select(t => t.Stem).Distinct(StringComparer.Ordinal).Count();
            relevance += Math.Min(1.0, overlap * 0.1);
            var alignedWeight = alignment.GetValueOrDefault(text);
            relevance += Math.Min(2.0, alignedWeight);
            var quantified = IsQuantified(text);
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > 45)
            {
                relevance -= 0.5;
            }

            scored.Add(new ScoredSentence(s, text, quantified, relevance, [.. skills.Select(taxonomy.NameOf)]) { Aligned = alignedWeight > 0 });
        }

        // Quantified sentences about what the posting asks for lead, then the other relevant ones, then quantified
        // but off-topic ones, then the rest; within a tier the more relevant first, then the artifact's own order.
        static int Tier(ScoredSentence x) => (x.JobSkills.Count > 0 || x.Aligned, x.Quantified) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => 2,
            _ => 3,
        };

        return [.. scored.OrderBy(Tier).ThenByDescending(x => x.Relevance).ThenBy(x => x.Index)];
    }

    /// <summary>A number that measures something (a percentage, amount, count or ratio), not just a year.</summary>
    public static bool IsQuantified(string sentence)
    {
        foreach (Match m in NumberPattern().Matches(sentence))
        {
            var isYear = m.Value.Length == 4 && (m.Value.StartsWith("19", StringComparison.Ordinal) || m.Value.StartsWith("20", StringComparison.Ordinal))
                         && !sentence.AsSpan(m.Index + m.Length).TrimStart().StartsWith("%");
            if (!isYear)
            {
                return true;
            }
        }

        return QuantityWords().IsMatch(sentence);
    }

    static int CountDescriptionSentences(ArtifactProfile profile) =>
        Text.SentenceSplitter.Split(profile.Artifact.Description).Count;

    [GeneratedRegex(@"\d[\d,.]*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(doubled|tripled|halved|twice|three times|four times|five times|ten times)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityWords();
}

/// <summary>A sentence of an artifact with why it was chosen.</summary>
public sealed record ScoredSentence(int Index, string Text, bool Quantified, double Relevance, IReadOnlyList<string> JobSkills)
{
    /// <summary>The ranking used this sentence as evidence of a requirement the artifact covers.</summary>
    public bool Aligned { get; init; }
}
