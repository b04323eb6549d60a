using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Text;

/// <summary>English function words, plus the filler of job ads that never names a skill.</summary>
public static class StopWords
{
    public static readonly FrozenSet<string> English = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "either", "etc", "ever", "every", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
        "it", "its", "itself", "just", "ll", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "re", "s", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "ve", "very", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "would",
        "you", "your", "yours", "d", "m", "t", "e.g", "i.e", "via", "per", "around", "across", "without", "toward",
        "towards", "upon", "among", "whether", "may", "might", "must", "shall", "let", "lets", "yet", "still", "however",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Words that describe how a requirement is phrased rather than what it asks for
    /// ("strong experience with", "hands-on knowledge of"); ignored when checking whether a term is evidenced.
    /// </summary>
    public static readonly FrozenSet<string> RequirementFiller = new[]
    {
        "experience", "experienced", "skill", "skills", "knowledge", "strong", "proven", "ability", "able", "hands",
        "familiarity", "familiar", "understanding", "proficiency", "proficient", "expertise", "expert", "background",
        "solid", "deep", "good", "great", "excellent", "working", "comfortable", "comfort", "track", "record", "years",
        "year", "plus", "bonus", "ideally", "preferably", "preferred", "similar", "equivalent", "like", "using", "use",
        "real", "practical", "demonstrable", "demonstrated", "relevant", "related", "including", "least", "measurement", "measuring",
    }.ToFrozenSet(StringComparer.Ordinal);
}
