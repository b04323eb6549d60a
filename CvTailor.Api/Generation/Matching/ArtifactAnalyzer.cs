using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>Builds <see cref="ArtifactProfile"/>s through the taxonomy. Stateless apart from the taxonomy.</summary>
public sealed class ArtifactAnalyzer(SkillTaxonomy taxonomy)
{
    public SkillTaxonomy Taxonomy => taxonomy;

    public ArtifactProfile Analyze(ArtifactDocument artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var sentences = new List<string> { artifact.Title };
        sentences.AddRange(SentenceSplitter.Split(artifact.Description).Select(s => s.Text));
        foreach (var chunk in artifact.ChunkTexts)
        {
            sentences.AddRange(SentenceSplitter.Split(chunk).Select(s => s.Text));
        }

        var sentenceTokens = sentences.Select(s => taxonomy.Analyzer.TokenizePhrase(s)).ToList();
        var sentenceMentions = sentenceTokens.Select(taxonomy.FindMentions).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        void Count(IEnumerable<Token> tokens)
        {
            foreach (var t in tokens)
            {
                if (t.IsStopWord)
                {
                    continue;
                }

                counts[t.Stem] = counts.GetValueOrDefault(t.Stem) + 1;
                length++;
            }
        }

        // The lexical document is title + description + technologies (chunk texts only add evidence sentences).
        var descriptionSentences = 1 + SentenceSplitter.Split(artifact.Description).Count;
        for (var s = 0; s < descriptionSentences && s < sentenceTokens.Count; s++)
        {
            Count(sentenceTokens[s]);
        }

        var technologyTokens = artifact.Technologies.Select(t => taxonomy.Analyzer.TokenizePhrase(t)).ToList();
        foreach (var tokens in technologyTokens)
        {
            Count(tokens);
        }

        var direct = new Dictionary<int, SkillEvidence>();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tech in artifact.Technologies)
        {
            var resolved = taxonomy.ResolvePhrase(tech);
            if (resolved is { } skill)
            {
                direct.TryAdd(skill, new SkillEvidence(skill, skill, -1));
                continue;
            }

            var mentions = taxonomy.FindMentions(taxonomy.Analyzer.TokenizePhrase(tech));
            if (mentions.Count == 0)
            {
                unknown.Add(tech.Trim().ToLowerInvariant());
            }

            foreach (var m in mentions)
            {
                direct.TryAdd(m.Skill, new SkillEvidence(m.Skill, m.Skill, -1));
            }
        }

        // Sentence evidence beats the bare technology list, because it shows what was done with the skill.
        // Description sentences first, the title last: a sentence says more than the title that repeats it.
        foreach (var s in Enumerable.Range(1, Math.Max(0, sentenceTokens.Count - 1)).Append(0))
        {
            foreach (var m in sentenceMentions[s])
            {
                if (!direct.TryGetValue(m.Skill, out var existing) || existing.Sentence < 0)
                {
                    direct[m.Skill] = new SkillEvidence(m.Skill, m.Skill, s);
                }
            }
        }

        var all = new Dictionary<int, SkillEvidence>(direct);
        foreach (var (skill, evidence) in direct.OrderBy(kv => kv.Value.Sentence <= 0 ? int.MaxValue - 1 + kv.Value.Sentence : kv.Value.Sentence).ThenBy(kv => kv.Key))
        {
            foreach (var implied in taxonomy.Closure(skill))
            {
                if (!all.TryGetValue(implied, out var existing) || (existing.Sentence < 0 && evidence.Sentence >= 0))
                {
                    all[implied] = evidence with { Skill = implied };
                }
            }
        }

        return new ArtifactProfile
        {
            Artifact = artifact,
            Sentences = sentences,
            SentenceTokens = sentenceTokens,
            SentenceMentions = sentenceMentions,
            SentenceStems = [.. sentenceTokens.Select(t => (IReadOnlySet<string>)t.Select(x => x.Stem).ToHashSet(StringComparer.Ordinal))],
            TermCounts = counts,
            Length = length,
            TechnologyTokens = technologyTokens,
            Skills = all,
            UnknownTechnologies = unknown,
        };
    }
}
