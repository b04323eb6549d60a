using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// An artifact prepared for matching: its sentences with tokens, its stem counts for lexical scoring and the
/// taxonomy skills it evidences (directly and by implication), each with the sentence that shows it.
/// </summary>
public sealed class ArtifactProfile
{
    public required ArtifactDocument Artifact { get; init; }

    /// <summary>Sentence 0 is the title; then the description's sentences, then any chunk texts.</summary>
    public required IReadOnlyList<string> Sentences { get; init; }

    public required IReadOnlyList<IReadOnlyList<Token>> SentenceTokens { get; init; }

    /// <summary>Taxonomy mentions of each sentence (same indexes as <see cref="Sentences"/>).</summary>
    public required IReadOnlyList<IReadOnlyList<Taxonomy.SkillMention>> SentenceMentions { get; init; }

    /// <summary>Distinct stems of each sentence.</summary>
    public required IReadOnlyList<IReadOnlySet<string>> SentenceStems { get; init; }

    /// <summary>
    /// The same read the other way: stem → the sentences holding it, in ascending order. Ranking looks up a
    /// requirement's few stems here once per artifact instead of once per sentence (the match's hottest loop).
    /// </summary>
    public required IReadOnlyDictionary<string, int[]> StemSentences { get; init; }

    /// <summary>Stem → count over title, description and technologies (the lexical document).</summary>
    public required IReadOnlyDictionary<string, int> TermCounts { get; init; }

    public required int Length { get; init; }

    /// <summary>Tokens of each technology name, in list order.</summary>
    public required IReadOnlyList<IReadOnlyList<Token>> TechnologyTokens { get; init; }

    /// <summary>Skill id → first evidence (direct mentions preferred over implications).</summary>
    public required IReadOnlyDictionary<int, SkillEvidence> Skills { get; init; }

    /// <summary>Technologies the taxonomy does not know, lower-cased, so they can still be matched literally.</summary>
    public required IReadOnlySet<string> UnknownTechnologies { get; init; }

    public string Id => Artifact.Id;

    /// <summary>The same text analysis for another copy of the artifact (same texts; ids, dates and links as given).</summary>
    public ArtifactProfile WithArtifact(ArtifactDocument artifact) => ReferenceEquals(artifact, Artifact) ? this : new()
    {
        Artifact = artifact,
        Sentences = Sentences,
        SentenceTokens = SentenceTokens,
        SentenceMentions = SentenceMentions,
        SentenceStems = SentenceStems,
        StemSentences = StemSentences,
        TermCounts = TermCounts,
        Length = Length,
        TechnologyTokens = TechnologyTokens,
        Skills = Skills,
        UnknownTechnologies = UnknownTechnologies,
    };

    public bool HasSkill(int skill) => Skills.ContainsKey(skill);

    /// <summary>Stem → sentences holding it, from <see cref="SentenceStems"/>.</summary>
    public static Dictionary<string, int[]> IndexStems(IReadOnlyList<IReadOnlySet<string>> sentenceStems)
    {
        ArgumentNullException.ThrowIfNull(sentenceStems);
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var s = 0; s < sentenceStems.Count; s++)
        {
            foreach (var stem in sentenceStems[s])
            {
                if (!index.TryGetValue(stem, out var sentences))
                {
                    index[stem] = sentences = [];
                }
                sentences.Add(s);
            }
        }
        return index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    string? _technologiesLine;

    /// <summary>The sentence text that evidences a skill, or a "Technologies: …" line (made once per profile: many requirements cite it).</summary>
    public string EvidenceText(SkillEvidence evidence) =>
        evidence.Sentence >= 0 ? Sentences[evidence.Sentence] : _technologiesLine ??= $"Technologies: {string.Join(", ", Artifact.Technologies)}";
}
