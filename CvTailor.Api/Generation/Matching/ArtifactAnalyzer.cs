using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Builds <see cref="ArtifactProfile"/>s through the taxonomy. The text analysis of an artifact depends only on its
/// title, description, technologies and chunk texts and on the taxonomy, so it is kept per taxonomy (keyed by those
/// texts) and reused by every later ranking: a match re-reads the artifacts, not re-analyses them.
/// </summary>
public sealed class ArtifactAnalyzer(SkillTaxonomy taxonomy)
{
    const int CacheLimit = 20_000;
    static readonly ConditionalWeakTable<SkillTaxonomy, ConcurrentDictionary<ArtifactTexts, ArtifactProfile>> Caches = new();

    public SkillTaxonomy Taxonomy => taxonomy;

    public ArtifactProfile Analyze(ArtifactDocument artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var cache = Caches.GetValue(taxonomy, _ => new ConcurrentDictionary<ArtifactTexts, ArtifactProfile>());
        var key = new ArtifactTexts(artifact);
        if (cache.TryGetValue(key, out var cached))
        {
            return cached.WithArtifact(artifact);
        }

        var profile = AnalyzeText(artifact);
        if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        cache[key] = profile;
        return profile;
    }

    /// <summary>
    /// The texts an analysis depends on, compared by value. Hashing and comparing the strings themselves costs a
    /// fraction of the SHA-256 of their UTF-8 concatenation that keyed the cache before (200 artifacts per match).
    /// The lists are copied, so a caller changing its document later cannot change a key already stored.
    /// </summary>
    sealed class ArtifactTexts : IEquatable<ArtifactTexts>
    {
        readonly string _title;
        readonly string _description;
        readonly string[] _technologies;
        readonly string[] _chunks;
        readonly int _hash;

        public ArtifactTexts(ArtifactDocument artifact)
        {
            _title = artifact.Title;
            _description = artifact.Description;
            _technologies = [.. artifact.Technologies];
            _chunks = [.. artifact.ChunkTexts];
            var hash = new HashCode();
            hash.Add(_title, StringComparer.Ordinal);
            hash.Add(_description, StringComparer.Ordinal);
            hash.Add(_technologies.Length);
            foreach (var t in _technologies)
            {
                hash.Add(t, StringComparer.Ordinal);
            }
            hash.Add(_chunks.Length);
            foreach (var c in _chunks)
            {
                hash.Add(c, StringComparer.Ordinal);
            }
            _hash = hash.ToHashCode();
        }

        public bool Equals(ArtifactTexts? other) =>
            other is not null && _hash == other._hash
            && string.Equals(_title, other._title, StringComparison.Ordinal)
            && string.Equals(_description, other._description, StringComparison.Ordinal)
            && _technologies.AsSpan().SequenceEqual(other._technologies)
            && _chunks.AsSpan().SequenceEqual(other._chunks);

        public override bool Equals(object? obj) => Equals(obj as ArtifactTexts);

        public override int GetHashCode() => _hash;
    }

    ArtifactProfile AnalyzeText(ArtifactDocument artifact)
    {
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

        IReadOnlyList<IReadOnlySet<string>> sentenceStems =
            [.. sentenceTokens.Select(t => (IReadOnlySet<string>)t.Select(x => x.Stem).ToHashSet(StringComparer.Ordinal))];
        return new ArtifactProfile
        {
            Artifact = artifact,
            Sentences = sentences,
            SentenceTokens = sentenceTokens,
            SentenceMentions = sentenceMentions,
            SentenceStems = sentenceStems,
            StemSentences = ArtifactProfile.IndexStems(sentenceStems),
            TermCounts = counts,
            Length = length,
            TechnologyTokens = technologyTokens,
            Skills = all,
            UnknownTechnologies = unknown,
        };
    }
}
