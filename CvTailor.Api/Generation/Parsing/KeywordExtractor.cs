using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// Screening keywords of a posting beyond the taxonomy: acronyms and standards ("PCI DSS", "SOC 2", "ISO 27001"),
/// product names ("PyTorch", "Power BI", "Backstage"), and multi-word noun phrases ("supplier lead-time modelling",
/// "restore testing"), each scored for salience: the strongest requirement kind it appears in, repetition, a skill cue
/// in front of it ("experience with …"), how technical it looks, and how far it is from everyday job-ad English.
/// Words a taxonomy mention already covers are left to that skill, so one concept is one keyword.
/// </summary>
internal sealed partial class KeywordExtractor(SkillTaxonomy taxonomy)
{
    /// <summary>At most this many keywords from outside the taxonomy, the most salient first.</summary>
    const int MaxExtracted = 24;

    const double MinSalience = 0.55;


    public IReadOnlyList<(JobKeyword Keyword, int First)> Extract(IReadOnlyList<JobRequirement> requirements, string roleTitle, string companyName)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in taxonomy.Analyzer.TokenizePhrase(roleTitle + " " + companyName))
        {
            excluded.Add(t.Stem);
        }

        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var r = 0; r < requirements.Count; r++)
        {
            var req = requirements[r];
            if (req.Kind == RequirementKind.Context)
            {
                continue;
            }

            var tokens = req.Tokens;
            var covered = new bool[tokens.Count];
            var mentions = taxonomy.FindMaximalMentions(tokens);
            foreach (var m in mentions)
            {
                for (var i = m.FirstToken; i < m.EndToken; i++)
                {
                    covered[i] = true;
                }
            }

            var cueEnds = SkillCue().Matches(req.Text).Select(m => m.Index + m.Length).ToHashSet();

            // A specific modifier in front of a taxonomy skill makes a narrower concept ("marketing mix modelling",
            // "supplier lead-time modelling"): a keyword of its own, judged on the skill and the modifier together.
            foreach (var m in mentions)
            {
                var start = m.FirstToken;
                while (start > 0 && m.FirstToken - start < 2 && !tokens[start].BreakBefore && IsModifier(tokens[start - 1], covered[start - 1]))
                {
                    start--;
                }

                if (start < m.FirstToken)
                {
                    Add(req, r, start, m.EndToken, cueEnds, excluded, candidates, "phrase", 0);
                }
            }
            foreach (var (start, end) in Runs(tokens, covered))
            {
                AddRun(req, r, start, end, cueEnds, excluded, candidates);
            }
        }

        return [.. candidates.Values
            .Select(c => (c, Salience: c.Salience))
            .Where(x => x.Salience >= MinSalience)
            .OrderByDescending(x => x.Salience).ThenBy(x => x.c.First)
            .Take(MaxExtracted)
            .Select(x => (new JobKeyword(x.c.Surface, x.c.Kind, Math.Round(x.Salience, 2), x.c.Category), x.c.First))];
    }

    /// <summary>Maximal stretches of content words: stop words, filler, punctuation breaks, numbers and taxonomy mentions end them.</summary>
    static IEnumerable<(int Start, int End)> Runs(IReadOnlyList<Token> tokens, bool[] covered)
    {
        var start = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var lower = t.Surface.ToLowerInvariant();
            var content = !covered[i] && !t.IsStopWord && !StopWords.RequirementFiller.Contains(lower)
                          && !GeneralWords.IsClauseWord(lower)
                          && (IsAcronymNumber(tokens, i) || !t.Surface.All(c => char.IsDigit(c) || c is ',' or '.'));
            if (start >= 0 && (!content || t.BreakBefore))
            {
                yield return (start, i);
                start = -1;
            }

            if (content && start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            yield return (start, tokens.Count);
        }
    }

    static void AddRun(JobRequirement req, int r, int start, int end, HashSet<int> cueEnds, HashSet<string> excluded, Dictionary<string, Candidate> candidates)
    {
        var tokens = req.Tokens;
        // A language is a name only where the line asks for command of it (LanguageNames).
        var languagesAsked = LanguageNames.IsAskedFor(req.Text);
        bool Name(Token token) => IsName(token) && (languagesAsked || !LanguageNames.Contains(token.Surface));

        // Names inside the run: acronym sequences ("PCI DSS", "SOC 2") and capitalised or mixed-case product names.
        for (var i = start; i < end; i++)
        {
            if (!Name(tokens[i]))
            {
                continue;
            }

            var j = i + 1;
            while (j < end && (Name(tokens[j]) || IsAcronymNumber(tokens, j)))
            {
                j++;
            }

            // "the Head of Growth", "our VP of Engineering": a team in a job title, not a product.
            if (i >= 2 && tokens[i - 1].Surface == "of" && GeneralWords.Names.Contains(tokens[i - 2].Surface.ToLowerInvariant()))
            {
                i = j - 1;
                continue;
            }

            var technical = Enumerable.Range(i, j - i).Any(k => IsAcronym(tokens[k].Surface) || LooksLikeProductName(tokens[k].Surface));
            Add(req, r, i, j, cueEnds, excluded, candidates, technical ? "acronym" : "unknown", technical ? 0.3 : 0.2);
            i = j - 1;
        }

        // The noun phrase itself, without leading verbs and general words or trailing general words.
        while (start < end && IsGeneral(tokens[start]))
        {
            start++;
        }

        while (end > start && IsGeneral(tokens[end - 1]))
        {
            end--;
        }

        // English noun phrases end in their head: keep the last three words of a longer run.
        if (end - start > 3)
        {
            start = end - 3;
        }

        var n = end - start;
        if (n == 0 || (n == 1 && !cueEnds.Any(c => Math.Abs(c - tokens[start].Start) <= 1)))
        {
            return;
        }

        if (n == 1 && (tokens[start].Surface.Length < 4 || Name(tokens[start])))
        {
            return;
        }

        // A skill is named by its head noun ("restore testing", "lead-time modelling", "utilities sector"); a phrase
        // that ends in something else ("vulnerable circumstances", "field visits", "model outputs") describes the
        // business or the work, not a skill a CV could show, unless a skill cue or a product name vouches for it.
        if (!FollowsCue(cueEnds, tokens[start]) && !Enumerable.Range(start, n).Any(i => Name(tokens[i])) && !SkillHeadNouns.Contains(tokens[end - 1].Surface))
        {
            return;
        }

        // A phrase counts when the posting treats it as an item: after a skill cue, in an enumeration ("backups and
        // restore testing", "metrics, logs and traces"), or on a must-have or nice-to-have line.
        var enumerated = tokens[start].BreakBefore || (start > 0 && IsConjunction(tokens[start - 1]))
                         || (end < tokens.Count && (tokens[end].BreakBefore || IsConjunction(tokens[end])));
        var listed = req.Kind is RequirementKind.MustHave or RequirementKind.NiceToHave;
        Add(req, r, start, end, cueEnds, excluded, candidates, "phrase", enumerated || listed ? 0 : -0.2);
    }

    /// <summary>The token comes right after a skill cue ("experience with", "knowledge of", …).</summary>
    static bool FollowsCue(HashSet<int> cueEnds, Token token) => cueEnds.Any(c => c <= token.Start && token.Start - c <= 1);

    static bool IsModifier(Token token, bool covered)
    {
        var lower = token.Surface.ToLowerInvariant();
        return !covered && !token.IsStopWord && !StopWords.RequirementFiller.Contains(lower) && !GeneralWords.IsClauseWord(lower)
               && !GeneralWords.IsGeneral(lower) && !token.StartsSentence && char.IsLetter(token.Surface[0]) && lower.Length > 2;
    }

    static bool IsConjunction(Token token) => token.Surface is "and" or "or" or "&";

    static void Add(JobRequirement req, int r, int start, int end, HashSet<int> cueEnds, HashSet<string> excluded,
        Dictionary<string, Candidate> candidates, string category, double bonus)
    {
        var tokens = req.Tokens;
        var stems = Enumerable.Range(start, end - start).Select(i => tokens[i].Stem).ToList();
        if (stems.All(excluded.Contains) || stems.All(s => s.Length < 2))
        {
            return;
        }

        var key = string.Join(' ', stems);
        var surface = req.Text[tokens[start].Start..(tokens[end - 1].Start + tokens[end - 1].Surface.Length)];
        // A sentence's first word is lower-cased unless a name follows it ("Bluetooth Low Energy" stays as written).
        if (category == "phrase" && tokens[start].StartsSentence && !IsName(tokens[start]) && surface.Length > 1
            && !(end - start > 1 && IsName(tokens[start + 1])))
        {
            surface = char.ToLowerInvariant(surface[0]) + surface[1..];
        }

        var cue = FollowsCue(cueEnds, tokens[start]);
        if (candidates.TryGetValue(key, out var existing))
        {
            existing.Count++;
            if (req.Weight > existing.Weight)
            {
                existing.Weight = req.Weight;
                existing.Kind = req.Kind;
            }

            existing.Cue |= cue;
            return;
        }

        candidates[key] = new Candidate(surface, category, r, bonus) { Weight = req.Weight, Kind = req.Kind, Cue = cue, Count = 1 };
    }

    static bool IsGeneral(Token token)
    {
        var lower = token.Surface.ToLowerInvariant();
        return !IsName(token) && (GeneralWords.IsGeneral(lower) || lower.Length < 2);
    }

    /// <summary>An acronym, product name or a capitalised word in mid-sentence that is not a place, day or title.</summary>
    static bool IsName(Token token)
    {
        var s = token.Surface;
        if (s.Length < 2 || !char.IsLetter(s[0]) || GeneralWords.Names.Contains(s.ToLowerInvariant()))
        {
            return false;
        }

        return IsAcronym(s) || LooksLikeProductName(s) || (char.IsUpper(s[0]) && !token.StartsSentence && s.Skip(1).All(char.IsLower)
                                                           && !GeneralWords.IsGeneral(s.ToLowerInvariant()));
    }

    static bool IsAcronym(string s) => s.Length is >= 2 and <= 8 && s.Count(char.IsUpper) >= 2 && s.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '/' || c == '&');

    /// <summary>A number right after an acronym belongs to it ("SOC 2", "ISO 27001", "Level 3").</summary>
    static bool IsAcronymNumber(IReadOnlyList<Token> tokens, int i) =>
        i > 0 && i < tokens.Count && tokens[i].Surface.All(char.IsDigit) && !tokens[i].BreakBefore && IsAcronym(tokens[i - 1].Surface);

    /// <summary>Mixed case inside the word or letters with digits ("PyTorch", "S3", "OAuth2") marks a product name.</summary>
    internal static bool LooksLikeProductName(string surface)
    {
        if (surface.Length < 2 || !char.IsLetter(surface[0]))
        {
            return false;
        }

        var innerUpper = surface.Skip(1).Any(char.IsUpper) && surface.Any(char.IsLower);
        var lettersAndDigits = surface.Any(char.IsDigit) && surface.Any(char.IsLetter);
        return innerUpper || lettersAndDigits;
    }

    [GeneratedRegex(@"\b(experience (with|in|of)|knowledge of|familiarity with|familiar with|exposure to|background in|expertise in|proficiency in|proficient in|fluency in|skills in|understanding of|grounding in|certified|certification in|such as|e\.g\.|including)\s+(an?\s+|the\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SkillCue();

    sealed class Candidate(string surface, string category, int first, double bonus)
    {
        public string Surface { get; } = surface;

        public string Category { get; } = category;

        public int First { get; } = first;

        public double Weight { get; set; }

        public RequirementKind Kind { get; set; }

        public bool Cue { get; set; }

        public int Count { get; set; }

        public double Salience => Weight + bonus + Math.Min(0.3, 0.1 * (Count - 1)) + (Cue ? 0.2 : 0)
                                  + (Category == "phrase" && Surface.Contains(' ', StringComparison.Ordinal) ? 0.05 : 0);
    }
}
