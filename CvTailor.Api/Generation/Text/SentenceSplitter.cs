using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Text;

/// <summary>
/// Splits prose into sentences and bullet lines. Line breaks always end a sentence (job ads are bullet lists);
/// a full stop ends one only when a capital letter, digit or quote follows and the word before it is not an
/// abbreviation such as "e.g." or "Ph.D.".
/// </summary>
public static class SentenceSplitter
{
    static readonly FrozenSet<string> Abbreviations = new[]
    {
        "e.g", "i.e", "etc", "dr", "prof", "mr", "mrs", "ms", "st", "vs", "approx", "inc", "ltd", "co", "corp", "no",
        "b.sc", "m.sc", "ph.d", "b.a", "m.a", "b.eng", "m.eng", "mba", "jr", "sr", "fig", "dept", "est", "u.s", "u.k",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Sentence>();
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                SplitLine(text, lineStart, i, result);
                lineStart = i + 1;
            }
        }

        return result;
    }

    static void SplitLine(string text, int start, int end, List<Sentence> result)
    {
        var s = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var next = i + 1;
            if (next < end && !char.IsWhiteSpace(text[next]) && text[next] is not ('"' or '\'' or ')'))
            {
                continue;
            }

            var after = next;
            while (after < end && (char.IsWhiteSpace(text[after]) || text[after] is '"' or '\'' or ')'))
            {
                after++;
            }

            if (after < end && !(char.IsUpper(text[after]) || char.IsDigit(text[after]) || text[after] is '$' or '£' or '€'))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, s, i))
            {
                continue;
            }

            Add(text, s, next, result);
            s = next;
        }

        Add(text, s, end, result);
    }

    static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] != '(')
        {
            w--;
        }

        var word = text.AsSpan(w, dot - w);
        // A single capital letter followed by a dot is an initial ("J. Smith").
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word.ToString());
    }

    static void Add(string text, int start, int end, List<Sentence> result)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || IsBulletMark(text, start, end)))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            result.Add(new Sentence(text[start..end], start));
        }
    }

    static bool IsBulletMark(string text, int i, int end) =>
        text[i] is '•' or '·' or '–' or '—' or '▪' or '◦' or '*'
        || (text[i] == '-' && i + 1 < end && char.IsWhiteSpace(text[i + 1]));
}
