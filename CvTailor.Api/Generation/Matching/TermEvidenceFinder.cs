using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Decides whether a screening term ("container orchestration", "PCI DSS", "statistical programming (R or Python)")
/// is evidenced by a person's artifacts, and by which sentence. Taxonomy skills in the term must be among the
/// artifact's skills (directly or by implication); the remaining content words must occur together in one
/// sentence; failing both, a semantic best-chunk similarity above the threshold counts.
/// </summary>
public sealed class TermEvidenceFinder(SkillTaxonomy taxonomy)
{
    /// <summary>Evidence for <paramref name="term"/> in the first artifact (in the given order) that has it, or null.</summary>
    /// <param name="term">The keyword as written.</param>
    /// <param name="profiles">Candidate artifacts, best first (evidence comes from the best one that has it).</param>
    /// <param name="semantic">Optional best-chunk similarities of this term (query index <paramref name="semanticQuery"/>).</param>
    /// <param name="semanticQuery">Index of the term among the semantic queries.</param>
    /// <param name="semanticThreshold">Similarity from which semantic evidence counts.</param>
    public TermMatch? Find(
        string term, IReadOnlyList<ArtifactProfile> profiles, SemanticScores? semantic = null, int semanticQuery = -1,
        double semanticThreshold = 1.1)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(profiles);
        var plan = Plan(term);
        if (plan.Skills.Count == 0 && plan.Residual.Count == 0)
        {
            return null;
        }

        for (var a = 0; a < profiles.Count; a++)
        {
            var match = MatchLexically(plan, profiles[a]);
            if (match is not null)
            {
                return match;
            }
        }

        for (var a = 0; a < profiles.Count; a++)
        {
            var match = MatchMostWords(plan, profiles[a]);
            if (match is not null)
            {
                return match;
            }
        }

        if (semantic is { IsEmpty: false } && semanticQuery >= 0)
        {
            var bestArtifact = -1;
            var bestSim = 0f;
            for (var a = 0; a < profiles.Count; a++)
            {
                var sim = semantic.Similarity(a, semanticQuery);
                if (sim >= semanticThreshold && sim > bestSim)
                {
                    bestSim = sim;
                    bestArtifact = a;
                }
            }

            if (bestArtifact >= 0)
            {
                var p = profiles[bestArtifact];
                return new TermMatch(p, p.Sentences[semantic.BestSentence(bestArtifact, semanticQuery)], "semantic");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="term"/> names a taxonomy skill itself (then only that skill can evidence it).</summary>
    public bool NamesSkill(string term) => Plan(term).Skills.Count > 0;

    /// <summary>
    /// Evidence for a term read as <paramref name="skill"/> by meaning (<see cref="SkillPhraseIndex"/>): the first of
    /// <paramref name="profiles"/> (in rank order) that shows the skill, with the sentence that shows it.
    /// </summary>
    public static TermMatch? FindBySkill(int skill, IReadOnlyList<ArtifactProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var profile = profiles.FirstOrDefault(p => p.HasSkill(skill));
        return profile is null ? null : new TermMatch(profile, profile.EvidenceText(profile.Skills[skill]), "skill_by_meaning");
    }

    TermPlan Plan(string term)
    {
        var whole = taxonomy.ResolvePhrase(term);
        if (whole is { } skill)
        {
            return new TermPlan([skill], [], false);
        }

        var tokens = taxonomy.Analyzer.TokenizePhrase(term);
        var maximal = taxonomy.FindMaximalMentions(tokens);
        var covered = maximal.SelectMany(m => Enumerable.Range(m.FirstToken, m.EndToken - m.FirstToken)).ToHashSet();
        var residual = tokens
            .Where((t, i) => !covered.Contains(i) && !t.IsStopWord && !StopWords.RequirementFiller.Contains(t.Surface.ToLowerInvariant()))
            .Select(t => t.Stem)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var anyOf = tokens.Any(t => t.Surface.Equals("or", StringComparison.OrdinalIgnoreCase)) || term.Contains('/', StringComparison.Ordinal);
        return new TermPlan([.. maximal.Select(m => m.Skill).Distinct()], residual, anyOf);
    }

    static TermMatch? MatchLexically(TermPlan plan, ArtifactProfile profile)
    {
        SkillEvidence? evidence = null;
        if (plan.Skills.Count > 0)
        {
            // The first of the term's skills the artifact has, and how many it has (all needed unless the term says "or").
            var first = -1;
            var present = 0;
            foreach (var skill in plan.Skills)
            {
                if (profile.HasSkill(skill))
                {
                    present++;
                    first = first < 0 ? skill : first;
                }
            }
            var ok = plan.AnyOf ? present > 0 : present == plan.Skills.Count;
            if (!ok)
            {
                return null;
            }

            evidence = profile.Skills[first];
        }

        if (plan.Residual.Count == 0)
        {
            return new TermMatch(profile, profile.EvidenceText(evidence!.Value), evidence.Value.Skill == evidence.Value.ViaSkill ? "skill" : "implied_skill");
        }

        // Product names the taxonomy does not know still count when the artifact lists them as technologies.
        foreach (var tech in profile.TechnologyTokens)
        {
            if (AllIn(plan.Residual, tech))
            {
                return new TermMatch(profile, $"Technologies: {string.Join(", ", profile.Artifact.Technologies)}", "technology");
            }
        }

        // The first sentence holding every residual word: only sentences holding the first one can (the profile's
        // stem → sentences index, ascending), so a term is not checked against every sentence of every artifact.
        if (profile.StemSentences.TryGetValue(plan.Residual[0], out var holding))
        {
            foreach (var s in holding)
            {
                if (AllIn(plan.Residual, profile.SentenceStems[s]))
                {
                    return new TermMatch(profile, profile.Sentences[s], "words");
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A looser reading for terms of three or more content words ("query performance tuning"): all but one of the
    /// words in one sentence, the last word (the head of an English noun phrase) among them.
    /// </summary>
    static TermMatch? MatchMostWords(TermPlan plan, ArtifactProfile profile)
    {
        var skillsPresent = 0;
        foreach (var skill in plan.Skills)
        {
            skillsPresent += profile.HasSkill(skill) ? 1 : 0;
        }
        if (plan.Skills.Count > 0 && skillsPresent == 0)
        {
            return null;
        }

        var words = plan.Residual.Count + plan.Skills.Count;
        if (words < 3 || plan.Residual.Count == 0)
        {
            return null;
        }

        // Only sentences holding the head can qualify: those of the head's entry in the stem → sentences index, ascending.
        if (!profile.StemSentences.TryGetValue(plan.Residual[^1], out var holding))
        {
            return null;
        }
        foreach (var s in holding)
        {
            var stems = profile.SentenceStems[s];
            var present = skillsPresent;
            foreach (var stem in plan.Residual)
            {
                present += stems.Contains(stem) ? 1 : 0;
            }
            if (present >= words - 1)
            {
                return new TermMatch(profile, profile.Sentences[s], "words");
            }
        }

        return null;
    }

    static bool AllIn(IReadOnlyList<string> stems, IReadOnlySet<string> set)
    {
        foreach (var stem in stems)
        {
            if (!set.Contains(stem))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether every stem is among the tokens' stems (a technology name is a few tokens: a scan, no set).</summary>
    static bool AllIn(IReadOnlyList<string> stems, IReadOnlyList<Token> tokens)
    {
        foreach (var stem in stems)
        {
            var found = false;
            foreach (var token in tokens)
            {
                if (string.Equals(token.Stem, stem, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
        return true;
    }

    sealed record TermPlan(IReadOnlyList<int> Skills, IReadOnlyList<string> Residual, bool AnyOf);
}

/// <summary>Where a term is evidenced: artifact, sentence and how ("skill", "implied_skill", "words", "technology", "semantic", "skill_by_meaning").</summary>
public sealed record TermMatch(ArtifactProfile Profile, string Sentence, string Via);
