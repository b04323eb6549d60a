using System.Globalization;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// Text PostgreSQL cannot store (NUL, error 22021) or that is not Unicode at all (an unpaired UTF-16 surrogate), with
/// DRF's own messages for them (<c>ProhibitNullCharactersValidator</c>, <c>ProhibitSurrogateCharactersValidator</c>).
/// </summary>
public static class TextRules
{
    public const string NullCharacters = "Null characters are not allowed.";

    /// <summary>JSON text that cannot become a string at all (an escaped lone surrogate the parser refuses).</summary>
    public const string InvalidText = "Surrogate characters are not allowed.";

    public static string SurrogateCharacters(char c) =>
        $"Surrogate characters are not allowed: U+{((int)c).ToString("X", CultureInfo.InvariantCulture)}.";

    /// <summary>The DRF message for the first character that cannot be stored, or null when the text is fine.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return NullCharacters;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return SurrogateCharacters(c);
            }
        }
        return null;
    }
}
