using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// Natural languages. A posting names them for two reasons: as a requirement ("fluent German", "written and spoken
/// English") or about someone else ("our clients work in English, German and French", "customers with limited
/// English"). Only the first is a screening keyword, and it comes with words about proficiency.
/// </summary>
internal static partial class LanguageNames
{
    static readonly FrozenSet<string> Names = new[]
    {
        "English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Flemish", "Danish", "Swedish",
        "Norwegian", "Finnish", "Icelandic", "Polish", "Czech", "Slovak", "Hungarian", "Romanian", "Bulgarian", "Greek",
        "Turkish", "Russian", "Ukrainian", "Serbian", "Croatian", "Slovenian", "Estonian", "Latvian", "Lithuanian",
        "Welsh", "Irish", "Gaelic", "Catalan", "Basque", "Arabic", "Hebrew", "Persian", "Farsi", "Urdu", "Hindi",
        "Bengali", "Punjabi", "Tamil", "Mandarin", "Cantonese", "Chinese", "Japanese", "Korean", "Vietnamese", "Thai",
        "Indonesian", "Malay", "Tagalog", "Swahili", "Afrikaans",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string surface) => Names.Contains(surface);

    /// <summary>The line speaks of someone's command of a language, so a language it names is asked of the candidate.</summary>
    public static bool IsAskedFor(string requirementText) => ProficiencyCue().IsMatch(requirementText);

    [GeneratedRegex(@"\b(fluen(t|cy)|native|bilingual|proficien(t|cy)|spoken|written|speak(s|ing)?|language skills|business[- ]level|mother tongue|[ABC][12] level|level [ABC][12])\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProficiencyCue();
}
