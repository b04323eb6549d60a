using System.Collections.Frozen;
using System.Text.Json;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>
/// The skills taxonomy compiled for matching: finds skills in token streams through their aliases, resolves
/// technology names, and knows which broader skills each one implies. Immutable and thread-safe once built.
/// </summary>
public sealed class SkillTaxonomy
{
    const string ResourceName = "CvTailor.Api.Generation.Taxonomy.skills.json";
    static readonly Lazy<SkillTaxonomy> DefaultInstance = new(LoadDefault);

    readonly SkillDefinition[] _skills;
    readonly FrozenDictionary<string, int> _byName;
    readonly FrozenDictionary<string, AliasPattern[]> _patternsByFirstStem;
    readonly FrozenDictionary<string, int> _byPhrase;
    readonly int[][] _closure;
    readonly int[][] _related;
    readonly int[][] _broader;
    readonly IReadOnlyDictionary<string, string> _wordVariants;

    public SkillTaxonomy(TaxonomyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _wordVariants = document.WordVariants;
        Analyzer = new TextAnalyzer(document.WordVariants);
        var merged = Merge(document.Skills);
        _skills = [.. merged];
        _byName = _skills.Select((s, i) => (s, i))
            .ToFrozenDictionary(x => x.s.Name, x => x.i, StringComparer.OrdinalIgnoreCase);

        var patterns = new List<AliasPattern>();
        var phrases = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _skills.Length; i++)
        {
            var skill = _skills[i];
            foreach (var alias in new[] { skill.Name }.Concat(skill.Aliases).Distinct(StringComparer.Ordinal))
            {
                var tokens = Analyzer.TokenizePhrase(alias);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var caseSensitive = skill.CaseSensitive || (skill.Ambiguous && tokens.Count == 1);
                var midSentence = skill.Ambiguous && tokens.Count == 1;
                patterns.Add(new AliasPattern(i, [.. tokens.Select(t => t.Stem)], [.. tokens.Select(t => t.Surface)], caseSensitive, midSentence));
                phrases.TryAdd(PhraseKey(tokens), i);
            }
        }

        _patternsByFirstStem = patterns
            .GroupBy(p => p.Stems[0], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Stems.Length).ToArray(), StringComparer.Ordinal);
        _byPhrase = phrases.ToFrozenDictionary(StringComparer.Ordinal);
        _closure = BuildClosure();
        _related = BuildRelated();
        _broader = [.. _skills.Select(s => s.Implies.Select(n => _byName.TryGetValue(n, out var p) ? p : -1).Where(p => p >= 0).Distinct().ToArray())];
    }

    /// <summary>The taxonomy shipped with the application (embedded <c>skills.json</c>).</summary>
    public static SkillTaxonomy Default => DefaultInstance.Value;

    /// <summary>
    /// The shipped taxonomy's version: "shipped-" and the start of its file's SHA-256, so parses cached under an
    /// earlier release's aliases are made again after an upgrade.
    /// </summary>
    public static string ShippedVersion => ShippedVersionInstance.Value;

    static readonly Lazy<string> ShippedVersionInstance = new(() =>
    {
        using var stream = OpenShipped();
        return "shipped-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream))[..12];
    });

    public TextAnalyzer Analyzer { get; }

    public int Count => _skills.Length;

    public SkillDefinition this[int skill] => _skills[skill];

    public string NameOf(int skill) => _skills[skill].Name;

    static Stream OpenShipped() =>
        typeof(SkillTaxonomy).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded taxonomy '{ResourceName}' is missing.");

    public static TaxonomyDocument ReadShippedDocument()
    {
        using var stream = OpenShipped();
        return JsonSerializer.Deserialize<TaxonomyDocument>(stream, TaxonomyJson.Options)
            ?? throw new InvalidOperationException("The embedded taxonomy is empty.");
    }

    /// <summary>A new taxonomy with extra entries (e.g. rows of <c>generation_skillstaxonomy</c>) merged in by name.</summary>
    public SkillTaxonomy Extend(IEnumerable<SkillDefinition> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var document = new TaxonomyDocument
        {
            WordVariants = _wordVariants, // this taxonomy's own (a reduced base keeps its reductions)
            Skills = [.. _skills, .. extra],
        };
        return new SkillTaxonomy(document);
    }

    public bool TryFind(string name, out int skill) => _byName.TryGetValue(name, out skill);

    /// <summary>The skill a whole phrase names ("k8s", "Postgres", "AWS EKS"), if any.</summary>
    public int? ResolvePhrase(string phrase)
    {
        var tokens = Analyzer.TokenizePhrase(phrase);
        return tokens.Count > 0 && _byPhrase.TryGetValue(PhraseKey(tokens), out var skill) ? skill : null;
    }

    /// <summary>The skill itself plus every broader skill it implies, transitively.</summary>
    public IReadOnlyList<int> Closure(int skill) => _closure[skill];

    /// <summary>
    /// Skills next to this one (its <c>related</c> entries, read both ways): evidence of a neighbour is adjacent
    /// experience, never evidence of the skill itself.
    /// </summary>
    public IReadOnlyList<int> Related(int skill) => _related[skill];

    /// <summary>The broader skills this one implies directly (not transitively).</summary>
    public IReadOnlyList<int> Broader(int skill) => _broader[skill];

    /// <summary>All alias occurrences in a token stream, longest alias first at each position.</summary>
    public IReadOnlyList<SkillMention> FindMentions(IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var mentions = new List<SkillMention>();
        var seen = new HashSet<(int Skill, int Start)>();
        for (var p = 0; p < tokens.Count; p++)
        {
            if (!_patternsByFirstStem.TryGetValue(tokens[p].Stem, out var candidates))
            {
                continue;
            }

            foreach (var pattern in candidates)
            {
                var end = MatchAt(tokens, p, pattern);
                if (end > 0 && seen.Add((pattern.Skill, p)))
                {
                    mentions.Add(new SkillMention(pattern.Skill, p, end, tokens[p].Sentence));
                }
            }
        }

        return mentions;
    }

    /// <summary>Mentions not nested inside a longer mention of another skill ("on-premises infrastructure" wins over "infrastructure").</summary>
    public IReadOnlyList<SkillMention> FindMaximalMentions(IReadOnlyList<Token> tokens)
    {
        var all = FindMentions(tokens);
        return [.. all.Where(m => !all.Any(o => o.Skill != m.Skill && o.FirstToken <= m.FirstToken && o.EndToken >= m.EndToken
                                                && (o.EndToken - o.FirstToken) > (m.EndToken - m.FirstToken)))];
    }

    static int MatchAt(IReadOnlyList<Token> tokens, int p, AliasPattern pattern)
    {
        if (!TokenMatches(tokens[p], pattern, 0) || (pattern.RequiresMidSentence && tokens[p].StartsSentence))
        {
            return -1;
        }

        var sentence = tokens[p].Sentence;
        var gaps = pattern.AllowedGaps;
        var stopSkips = pattern.CaseSensitive ? 0 : 2;
        var j = p + 1;
        var k = 1;
        while (k < pattern.Stems.Length)
        {
            // Aliases never reach across a comma or bracket ("Schema design, Distributed systems" is not "design systems").
            if (j >= tokens.Count || tokens[j].Sentence != sentence || tokens[j].BreakBefore)
            {
                return -1;
            }

            if (TokenMatches(tokens[j], pattern, k))
            {
                k++;
            }
            else if (Articles.Contains(tokens[j].Surface))
            {
                return -1;
            }
            else if (tokens[j].IsStopWord && stopSkips > 0)
            {
                stopSkips--;
            }
            else if (gaps > 0)
            {
                gaps--;
            }
            else
            {
                return -1;
            }

            j++;
        }

        return j;
    }

    // An article inside a skill's name marks a verb and its object ("design the systems"), not the name ("design systems").
    static readonly FrozenSet<string> Articles = new[] { "the", "a", "an", "The", "A", "An" }.ToFrozenSet(StringComparer.Ordinal);

    static bool TokenMatches(Token token, AliasPattern pattern, int k) =>
        pattern.CaseSensitive
            ? string.Equals(token.Surface, pattern.Surfaces[k], StringComparison.Ordinal)
            : string.Equals(token.Stem, pattern.Stems[k], StringComparison.Ordinal);

    static string PhraseKey(IReadOnlyList<Token> tokens) => string.Join(' ', tokens.Select(t => t.Stem));

    static SkillTaxonomy LoadDefault() => new(ReadShippedDocument());

    static List<SkillDefinition> Merge(IEnumerable<SkillDefinition> skills)
    {
        var order = new List<string>();
        var byName = new Dictionary<string, SkillDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var skill in skills)
        {
            if (byName.TryGetValue(skill.Name, out var existing))
            {
                byName[skill.Name] = existing with
                {
                    Aliases = [.. existing.Aliases.Union(skill.Aliases, StringComparer.OrdinalIgnoreCase)],
                    Implies = [.. existing.Implies.Union(skill.Implies, StringComparer.OrdinalIgnoreCase)],
                    Related = [.. existing.Related.Union(skill.Related, StringComparer.OrdinalIgnoreCase)],
                };
            }
            else
            {
                byName[skill.Name] = skill;
                order.Add(skill.Name);
            }
        }

        return [.. order.Select(n => byName[n])];
    }

    int[][] BuildRelated()
    {
        var related = Enumerable.Range(0, _skills.Length).Select(_ => new SortedSet<int>()).ToArray();
        for (var i = 0; i < _skills.Length; i++)
        {
            foreach (var name in _skills[i].Related)
            {
                if (_byName.TryGetValue(name, out var other) && other != i)
                {
                    related[i].Add(other);
                    related[other].Add(i);
                }
            }
        }

        return [.. related.Select(r => r.ToArray())];
    }

    int[][] BuildClosure()
    {
        var closure = new int[_skills.Length][];
        for (var i = 0; i < _skills.Length; i++)
        {
            var set = new HashSet<int> { i };
            var stack = new Stack<int>();
            stack.Push(i);
            while (stack.Count > 0)
            {
                foreach (var parent in _skills[stack.Pop()].Implies)
                {
                    if (_byName.TryGetValue(parent, out var p) && set.Add(p))
                    {
                        stack.Push(p);
                    }
                }
            }

            closure[i] = [.. set.Order()];
        }

        return closure;
    }
}
