namespace CvTailor.Api.Generation.Parsing;

/// <summary>Heading phrases that open the usual sections of a job ad, and inline "nice to have" markers.</summary>
internal static class SectionCues
{
    static readonly string[] NiceToHave =
    [
        "nice to have", "nice-to-have", "bonus", "preferred", "pluses", "a plus", "desirable", "good to have",
        "extra credit", "would be great", "bonus points", "nice to haves", "preferred qualifications", "preferred skills", "preferred experience", "would be a plus", "it would help", "not required but",
    ];

    static readonly string[] MustHave =
    [
        "must have", "must-have", "requirements", "required", "what you'll need", "what you will need", "what you need",
        "what we're looking for", "what we are looking for", "what you'll bring", "what you will bring", "what you bring",
        "qualifications", "about you", "who you are", "you have", "you'll have", "you will have", "skills", "experience",
        "what we need", "essential", "minimum", "minimum qualifications", "basic qualifications", "required skills", "required qualifications", "skills and experience",
    ];

    static readonly string[] Responsibilities =
    [
        "responsibilities", "what you'll do", "what you will do", "what you'll be doing", "the role", "about the role",
        "your role", "day to day", "day-to-day", "in this role", "your impact", "what the job involves", "the job",
        "you will", "your mission", "key tasks", "duties", "key responsibilities", "your responsibilities",
    ];

    static readonly string[] Other =
    [
        "about us", "who we are", "benefits", "perks", "why join", "why us", "location", "salary", "compensation",
        "how to apply", "our values", "values", "culture", "what we offer", "we offer", "the team", "about the team",
        "equal opportunity",
    ];

    /// <summary>
    /// Kind of section a short line opens, or null when it is not a heading. A line ending in ':' only needs to
    /// contain a cue; otherwise the cue must make up most of the line, so "Experience with Kafka" stays a requirement.
    /// </summary>
    public static (RequirementKind Kind, bool IsOther)? Classify(string heading)
    {
        var colon = heading.TrimEnd().EndsWith(':');
        var h = Normalise(heading);
        var minShare = colon ? 0.0 : 0.55;
        if (Longest(h, NiceToHave) >= minShare)
        {
            return (RequirementKind.NiceToHave, false);
        }

        if (Longest(h, Other) >= minShare)
        {
            return (RequirementKind.Context, true);
        }

        if (Longest(h, Responsibilities) >= minShare)
        {
            return (RequirementKind.Responsibility, false);
        }

        if (Longest(h, MustHave) >= minShare)
        {
            return (RequirementKind.MustHave, false);
        }

        return null;
    }

    /// <summary>Share of the line taken by the longest cue it contains; -1 when none.</summary>
    static double Longest(string text, string[] cues)
    {
        var best = -1.0;
        foreach (var cue in cues)
        {
            if (ContainsAny(text, [cue]))
            {
                best = Math.Max(best, (double)cue.Length / Math.Max(1, text.Length));
            }
        }

        return best;
    }

    /// <summary>True when a bullet itself says it is optional ("Kafka is a plus").</summary>
    public static bool MarksOptional(string line)
    {
        var l = Normalise(line);
        return ContainsAny(l, NiceToHave) || l.Contains("is a plus", StringComparison.Ordinal)
               || l.Contains("are a plus", StringComparison.Ordinal);
    }

    static string Normalise(string s) =>
        s.Trim().TrimEnd(':').Replace('’', '\'').ToLowerInvariant();

    static bool ContainsAny(string text, string[] cues)
    {
        foreach (var cue in cues)
        {
            var i = text.IndexOf(cue, StringComparison.Ordinal);
            if (i < 0)
            {
                continue;
            }

            var beforeOk = i == 0 || !char.IsLetter(text[i - 1]);
            var after = i + cue.Length;
            var afterOk = after >= text.Length || !char.IsLetter(text[after]);
            if (beforeOk && afterOk)
            {
                return true;
            }
        }

        return false;
    }
}
