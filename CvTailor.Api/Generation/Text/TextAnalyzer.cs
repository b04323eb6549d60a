using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Text;

/// <summary>
/// Turns text into matching tokens: words (keeping "C++", "C#", ".NET", "Node.js", "1,900" whole), lower-cased,
/// spelling-folded, mapped through word variants and Porter-stemmed. Thread-safe; stems are cached.
/// </summary>
public sealed class TextAnalyzer
{
    static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create(",;:()[]|");

    readonly FrozenDictionary<string, string> _wordVariants;
    readonly ConcurrentDictionary<string, string> _stemCache = new(StringComparer.Ordinal);

    public TextAnalyzer(IReadOnlyDictionary<string, string>? wordVariants = null)
    {
        _wordVariants = (wordVariants ?? new Dictionary<string, string>())
            .ToFrozenDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value.ToLowerInvariant(), StringComparer.Ordinal);
    }

    /// <summary>Tokens of a text; sentence indexes follow <see cref="SentenceSplitter"/>.</summary>
    public IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(text.Length / 6);
        var sentences = SentenceSplitter.Split(text);
        for (var s = 0; s < sentences.Count; s++)
        {
            AddTokens(sentences[s].Text, sentences[s].Start, s, tokens);
        }

        return tokens;
    }

    /// <summary>Tokens of a short phrase treated as one sentence (aliases, keywords, technology names).</summary>
    public IReadOnlyList<Token> TokenizePhrase(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var tokens = new List<Token>(8);
        AddTokens(phrase, 0, 0, tokens);
        return tokens;
    }

    /// <summary>The matching stem of a single word.</summary>
    public string StemOf(string surface) => _stemCache.GetOrAdd(surface, ComputeStem);

    void AddTokens(string text, int offset, int sentence, List<Token> tokens)
    {
        var first = true;
        var previousEnd = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var startsDotWord = c == '.' && i + 1 < text.Length && char.IsLetter(text[i + 1])
                                && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            if (!char.IsLetterOrDigit(c) && !startsDotWord)
            {
                i++;
                continue;
            }

            var start = i;
            i++;
            while (i < text.Length)
            {
                var ch = text[i];
                if (char.IsLetterOrDigit(ch))
                {
                    i++;
                }
                else if (ch == '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
                {
                    i++;
                }
                else if (ch == ',' && char.IsDigit(text[i - 1]) && IsThousandsGroup(text, i))
                {
                    i++;
                }
                else if (ch is '+' or '#')
                {
                    while (i < text.Length && text[i] is '+' or '#')
                    {
                        i++;
                    }

                    break;
                }
                else
                {
                    break;
                }
            }

            var surface = text[start..i];
            var lower = surface.ToLowerInvariant();
            var breakBefore = !first && text.AsSpan(previousEnd, start - previousEnd).IndexOfAny(Breaks) >= 0;
            tokens.Add(new Token(surface, StemOf(surface), offset + start, sentence, StopWords.English.Contains(lower), first, breakBefore));
            first = false;
            previousEnd = i;
        }
    }

    static bool IsThousandsGroup(string text, int comma)
    {
        for (var k = 1; k <= 3; k++)
        {
            if (comma + k >= text.Length || !char.IsDigit(text[comma + k]))
            {
                return false;
            }
        }

        return comma + 4 >= text.Length || !char.IsDigit(text[comma + 4]);
    }

    string ComputeStem(string surface)
    {
        var lower = surface.ToLowerInvariant();
        foreach (var ch in lower)
        {
            if (!char.IsLetter(ch))
            {
                return lower.Replace(",", "", StringComparison.Ordinal);
            }
        }

        if (SpellingNormaliser.FixedStems.TryGetValue(lower, out var fixedStem))
        {
            return fixedStem;
        }

        var folded = SpellingNormaliser.Fold(lower);
        if (_wordVariants.TryGetValue(folded, out var variant))
        {
            folded = variant;
        }

        return PorterStemmer.Stem(folded);
    }
}
