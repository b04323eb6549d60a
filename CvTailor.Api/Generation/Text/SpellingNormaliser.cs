using System.Collections.Frozen;

namespace CvTailor.Api.Generation.Text;

/// <summary>
/// Folds British and American spellings together before stemming ("optimisation" = "optimization",
/// "modelling" = "modeling"), and applies the taxonomy's word-level variants ("projection" = "forecast").
/// Applied identically to job descriptions, artifacts and taxonomy aliases, so the folding is always symmetric.
/// </summary>
public static class SpellingNormaliser
{
    static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["modelling"] = "modeling", ["modelled"] = "modeled", ["labelling"] = "labeling", ["labelled"] = "labeled",
        ["travelling"] = "traveling", ["cancelling"] = "canceling", ["cancelled"] = "canceled",
        ["signalling"] = "signaling", ["levelling"] = "leveling", ["channelling"] = "channeling",
        ["colour"] = "color", ["colours"] = "colors", ["behaviour"] = "behavior", ["behaviours"] = "behaviors",
        ["centre"] = "center", ["centres"] = "centers", ["programme"] = "program", ["programmes"] = "programs",
        ["catalogue"] = "catalog", ["catalogues"] = "catalogs", ["licence"] = "license", ["defence"] = "defense",
        ["analyse"] = "analyze", ["analysed"] = "analyzed", ["analyses"] = "analyzes", ["analysing"] = "analyzing",
        ["favour"] = "favor", ["honours"] = "honors", ["optimise"] = "optimize", ["judgement"] = "judgment",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Words the Porter stemmer would merge with unrelated words ("experience" and "experiment" both become
    /// "experi"; "general" and "generative" both "gener"): given a fixed stem instead.
    /// </summary>
    public static readonly FrozenDictionary<string, string> FixedStems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["experiment"] = "experiment", ["experiments"] = "experiment", ["experimental"] = "experiment",
        ["experimentation"] = "experiment", ["experimenting"] = "experiment", ["experimented"] = "experiment",
        ["experience"] = "experience", ["experiences"] = "experience", ["experienced"] = "experience",
        ["general"] = "general", ["generally"] = "general", ["generalist"] = "general",
        ["generative"] = "generative", ["generation"] = "generation", ["generations"] = "generation",
        ["university"] = "university", ["universities"] = "university", ["universal"] = "universal",
        ["embedded"] = "embedded", ["embedding"] = "embedding", ["embeddings"] = "embedding", ["embed"] = "embedding",
        ["news"] = "news", ["business"] = "business", ["businesses"] = "business", ["busy"] = "busy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Returns the folded spelling of a lower-case word.</summary>
    public static string Fold(string lower)
    {
        if (Words.TryGetValue(lower, out var folded))
        {
            return folded;
        }

        // -isation/-ise/-ised/-ising -> -ization/-ize/...; harmless for words that never had a z form,
        // because both sides of every comparison are folded the same way.
        if (lower.Length > 6)
        {
            if (lower.EndsWith("isation", StringComparison.Ordinal))
            {
                return string.Concat(lower.AsSpan(0, lower.Length - 7), "ization");
            }

            if (lower.EndsWith("isations", StringComparison.Ordinal))
            {
                return string.Concat(lower.AsSpan(0, lower.Length - 8), "izations");
            }

            if (lower.EndsWith("ising", StringComparison.Ordinal))
            {
                return string.Concat(lower.AsSpan(0, lower.Length - 5), "izing");
            }

            if (lower.EndsWith("ised", StringComparison.Ordinal))
            {
                return string.Concat(lower.AsSpan(0, lower.Length - 4), "ized");
            }
        }

        return lower;
    }
}
