using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// Parses a job description without a language model: sections by their headings, requirement lines by section,
/// skills through the taxonomy, role, seniority, years and education by pattern. Deterministic for a given text,
/// taxonomy and <see cref="Version"/>, so results can be cached by <see cref="ComputeContentHash"/>.
/// </summary>
public sealed partial class JobDescriptionParser(SkillTaxonomy taxonomy)
{
    public const string Version = "jd-parser-3";

    public static string ComputeContentHash(string rawText)
    {
        ArgumentNullException.ThrowIfNull(rawText);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawText)));
    }

    public ParsedJobDescription Parse(string text, string? companyName = null, string? roleTitle = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(StripMarkdown));
        var lines = normalized.Split('\n');
        var requirements = new List<JobRequirement>();
        var section = RequirementKind.Context;
        var inOtherSection = false;
        var sawHeading = false;
        var sectionHasBullets = false;
        var values = new List<string>();

        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].Trim();
            if (raw.Length == 0)
            {
                continue;
            }

            var isBullet = IsBullet(raw);
            if (!isBullet && LooksLikeHeading(raw, lines, i) && SectionCues.Classify(raw) is { } cls)
            {
                section = cls.Kind;
                inOtherSection = cls.IsOther;
                sawHeading = true;
                sectionHasBullets = false;
                continue;
            }

            // Prose after a section's bullet list ("We are remote-first…") is closing context, not a requirement.
            if (isBullet)
            {
                sectionHasBullets = true;
            }
            else if (sectionHasBullets)
            {
                section = RequirementKind.Context;
                inOtherSection = false;
                sectionHasBullets = false;
            }

            foreach (var sentence in SentenceSplitter.Split(raw))
            {
                var kind = section;
                if (kind == RequirementKind.MustHave && (SectionCues.MarksOptional(sentence.Text)
                                                         || SentenceCues.Classify(sentence.Text) == RequirementKind.NiceToHave))
                {
                    kind = RequirementKind.NiceToHave;
                }

                if (inOtherSection && ValuesCue().IsMatch(sentence.Text))
                {
                    values.Add(sentence.Text);
                }

                var tokens = taxonomy.Analyzer.TokenizePhrase(sentence.Text);
                var skillIds = MaximalMentions(tokens).Select(m => m.Skill).Distinct().ToArray();

                // Outside any requirements section (prose postings, or prose around the lists) the sentence's own
                // language decides; a bare bullet that names skills under no heading is read as a requirement.
                if (kind == RequirementKind.Context && !inOtherSection)
                {
                    kind = SentenceCues.Classify(sentence.Text);
                    if (kind == RequirementKind.Context && isBullet && skillIds.Any(id => taxonomy[id].Category != "domain"))
                    {
                        kind = RequirementKind.MustHave;
                    }
                }
                requirements.Add(new JobRequirement(
                    $"r{requirements.Count + 1}", sentence.Text, kind, [.. skillIds.Select(taxonomy.NameOf)])
                {
                    SkillIds = skillIds,
                    Tokens = tokens,
                });
            }
        }

        var (role, namedCompany) = string.IsNullOrWhiteSpace(roleTitle) ? DetectRoleTitle(normalized, companyName) : (roleTitle.Trim(), "");
        var company = !string.IsNullOrWhiteSpace(companyName) ? companyName.Trim()
            : namedCompany.Length > 0 ? namedCompany
            : OpeningCompany(requirements);
        var keywords = BuildKeywords(requirements, role, company);
        var mustSkills = requirements.Where(r => r.Kind == RequirementKind.MustHave).SelectMany(r => r.Skills)
            .Distinct(StringComparer.Ordinal).ToList();
        var niceSkills = requirements.Where(r => r.Kind == RequirementKind.NiceToHave).SelectMany(r => r.Skills)
            .Distinct(StringComparer.Ordinal).Where(s => !mustSkills.Contains(s)).ToList();
        var years = DetectYears(requirements);
        var confidence = 0.4 + (sawHeading ? 0.2 : 0) + (role.Length > 0 ? 0.15 : 0)
                         + (0.25 * Math.Min(1.0, keywords.Count / 8.0));

        return new ParsedJobDescription
        {
            ContentHash = ComputeContentHash(text),
            RoleTitle = role,
            SeniorityLevel = DetectSeniority(role, years),
            CompanyInfo = new CompanyInfo(company, DetectIndustry(requirements, company), DetectSize(normalized)),
            MustHaveSkills = mustSkills,
            NiceToHaveSkills = niceSkills,
            KeyResponsibilities = [.. requirements.Where(r => r.Kind == RequirementKind.Responsibility).Take(5).Select(r => r.Text)],
            CompanyValues = [.. values.Take(5)],
            ExperienceRequirements = new ExperienceRequirements(years, DetectEducation(requirements)),
            Requirements = requirements,
            Keywords = keywords,
            ConfidenceScore = Math.Round(confidence, 2),
            QueryTerms = BuildQueryTerms(requirements),
        };
    }

    /// <summary>
    /// A stored parse (its JSON, written by this parser version with this taxonomy) made ready for matching again
    /// without parsing the posting: only the matching-side fields JSON leaves out (tokens, skill ids, query terms) are
    /// recomputed from the stored requirement lines.
    /// </summary>
    public ParsedJobDescription Rehydrate(ParsedJobDescription stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        int? Id(string name) => taxonomy.TryFind(name, out var id) ? id : null;
        var requirements = stored.Requirements
            .Select(r => r with
            {
                Tokens = taxonomy.Analyzer.TokenizePhrase(r.Text),
                SkillIds = [.. r.Skills.Select(Id).OfType<int>()],
            })
            .ToList();
        return stored with
        {
            Requirements = requirements,
            Keywords = [.. stored.Keywords.Select(k => k with { SkillId = k.Category is "phrase" or "acronym" or "unknown" ? null : Id(k.Term) })],
            QueryTerms = BuildQueryTerms(requirements),
        };
    }

    /// <summary>Mentions not nested inside a longer mention of another skill ("on-premises infrastructure" wins over "infrastructure").</summary>
    public IReadOnlyList<SkillMention> MaximalMentions(IReadOnlyList<Token> tokens) => taxonomy.FindMaximalMentions(tokens);

    /// <summary>
    /// A line without its Markdown dress: heading marks ("### Requirements") and bold markers ("**What you'll do**"),
    /// which postings copied from job boards carry and which would otherwise read as a bullet or hide a heading.
    /// </summary>
    static string StripMarkdown(string line)
    {
        var t = MarkdownHeading().Replace(line.Trim(), "");
        return t.Contains("**", StringComparison.Ordinal) || t.Contains("__", StringComparison.Ordinal)
            ? t.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Trim()
            : t;
    }

    static bool IsBullet(string line) =>
        line[0] is '-' or '*' or '•' or '·' or '–' or '▪' or '◦' || NumberedBullet().IsMatch(line);

    static bool LooksLikeHeading(string line, string[] lines, int index)
    {
        var trimmed = line.TrimEnd(':').Trim();
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (words == 0 || words > 8 || trimmed.EndsWith('.'))
        {
            return false;
        }

        if (line.EndsWith(':'))
        {
            return true;
        }

        // A short line followed by bullets or a paragraph is a heading when its wording is a section cue.
        return index + 1 < lines.Length;
    }

    List<JobKeyword> BuildKeywords(List<JobRequirement> requirements, string roleTitle, string companyName)
    {
        var bySkill = new Dictionary<int, (RequirementKind Kind, double Weight, int First, int Count)>();
        for (var r = 0; r < requirements.Count; r++)
        {
            var req = requirements[r];
            foreach (var skill in req.SkillIds)
            {
                if (bySkill.TryGetValue(skill, out var e))
                {
                    bySkill[skill] = req.Weight > e.Weight ? (req.Kind, req.Weight, e.First, e.Count + 1) : e with { Count = e.Count + 1 };
                }
                else
                {
                    bySkill[skill] = (req.Kind, req.Weight, r, 1);
                }
            }
        }

        var extracted = new KeywordExtractor(taxonomy).Extract(requirements, roleTitle, companyName)
            .Where(x => taxonomy.ResolvePhrase(x.Keyword.Term) is null);
        var keywords = bySkill
            .Where(kv => kv.Value.Weight >= 0.5)
            .Select(kv => (Order: kv.Value.First, Keyword: new JobKeyword(
                taxonomy.NameOf(kv.Key), kv.Value.Kind, Math.Round(kv.Value.Weight + Math.Min(0.2, 0.05 * (kv.Value.Count - 1)), 2),
                taxonomy[kv.Key].Category) { SkillId = kv.Key }))
            .Concat(extracted.Select(x => (Order: x.First, x.Keyword)))
            .OrderByDescending(x => x.Keyword.Weight).ThenBy(x => x.Order).ThenBy(x => x.Keyword.Term, StringComparer.Ordinal)
            .Select(x => x.Keyword)
            .ToList();
        return keywords;
    }

    static Dictionary<string, double> BuildQueryTerms(List<JobRequirement> requirements)
    {
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var req in requirements)
        {
            foreach (var token in req.Tokens)
            {
                if (token.IsStopWord || StopWords.RequirementFiller.Contains(token.Surface.ToLowerInvariant()) || token.Stem.Length < 2)
                {
                    continue;
                }

                terms[token.Stem] = Math.Min(3.0, terms.GetValueOrDefault(token.Stem) + req.Weight);
            }
        }

        return terms;
    }

    /// <summary>
    /// The role, from "hiring a …" / "As a …, " or else a short first line; and the company when that line names it
    /// after the role ("… — Acme Health", "… at Acme", "…, Acme") and the text names it again, so a role title is never
    /// cut at a comma or dash of its own ("Engineer, Payments").
    /// </summary>
    static (string Role, string Company) DetectRoleTitle(string text, string? companyName)
    {
        foreach (var pattern in new[] { HiringPattern(), AsAPattern() })
        {
            var m = pattern.Match(text);
            if (m.Success)
            {
                return (m.Groups["t"].Value.Trim(), "");
            }
        }

        var first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        if (first.Length == 0 || !IsTitleLine(first))
        {
            return ("", "");
        }

        first = first.TrimEnd(':');
        var rest = text[(text.IndexOf(first, StringComparison.Ordinal) + first.Length)..];
        foreach (var separator in TitleSeparators)
        {
            var at = first.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var company = first[(at + separator.Length)..].Trim();
            var named = string.IsNullOrWhiteSpace(companyName)
                ? company.Length >= 2 && char.IsUpper(company[0])
                  && Regex.IsMatch(rest, $@"\b{Regex.Escape(company)}\b(?!\s+(team|group|squad|department|unit|function|tribe)\b)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                : string.Equals(company, companyName.Trim(), StringComparison.OrdinalIgnoreCase);
            if (named)
            {
                return (first[..at].Trim(), company);
            }
        }

        return first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8 ? (first, "") : ("", "");
    }

    static readonly string[] TitleSeparators = [" — ", " – ", " - ", " | ", " at ", ", "];

    /// <summary>The company an opening sentence introduces ("Marrowby is a payments company …"), else empty.</summary>
    static string OpeningCompany(List<JobRequirement> requirements)
    {
        foreach (var req in requirements.Take(3).Where(r => r.Kind == RequirementKind.Context))
        {
            var m = CompanyIntroPattern().Match(req.Text);
            if (m.Success && !NotCompanyStarts.Contains(m.Groups["w"].Value))
            {
                return m.Groups["c"].Value;
            }

            // "At Quillfeather we help …"
            var at = CompanyAtPattern().Match(req.Text);
            if (at.Success)
            {
                return at.Groups["c"].Value;
            }
        }

        return "";
    }

    static readonly FrozenSet<string> NotCompanyStarts = new[]
    {
        "The", "This", "That", "These", "Our", "We", "You", "It", "Its", "At", "In", "As", "For", "About", "Here", "There",
        "Every", "Each", "Join", "Why", "What", "Who", "How", "If", "When",
    }.ToFrozenSet(StringComparer.Ordinal);

    static string DetectSeniority(string role, int? years)
    {
        var r = role.ToLowerInvariant();
        (string Cue, string Level)[] cues =
        [
            ("intern", "intern"), ("graduate", "junior"), ("junior", "junior"), ("entry", "junior"), ("principal", "principal"),
            ("staff", "staff"), ("head of", "executive"), ("director", "director"), ("vp", "executive"), ("chief", "executive"),
            ("lead", "lead"), ("senior", "senior"), ("sr.", "senior"), (" iii", "senior"), (" ii", "mid"), ("mid", "mid"),
        ];
        foreach (var (cue, level) in cues)
        {
            if (Regex.IsMatch(r, $@"(^|[^a-z]){Regex.Escape(cue.Trim())}([^a-z]|$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                return level;
            }
        }

        return years switch
        {
            >= 8 => "senior",
            >= 5 => "senior",
            >= 2 => "mid",
            not null => "junior",
            _ => "mid",
        };
    }

    static int? DetectYears(List<JobRequirement> requirements)
    {
        int? best = null;
        foreach (var req in requirements.OrderBy(r => r.Kind == RequirementKind.MustHave ? 0 : 1))
        {
            foreach (Match m in YearsPattern().Matches(req.Text))
            {
                var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                if (n is > 0 and < 40)
                {
                    best = Math.Max(best ?? 0, n);
                }
            }

            // "at least four years": numbers in words, only where the line asks for something (a company's
            // "founded three years ago" is not a requirement).
            if (req.Kind != RequirementKind.Context)
            {
                foreach (Match m in YearsInWordsPattern().Matches(req.Text))
                {
                    best = Math.Max(best ?? 0, Array.IndexOf(NumberWords, m.Groups["w"].Value.ToLowerInvariant()) + 1);
                }
            }

            if (best is not null && req.Kind == RequirementKind.MustHave)
            {
                return best;
            }
        }

        return best;
    }

    static string DetectEducation(List<JobRequirement> requirements) =>
        requirements.FirstOrDefault(r => r.Kind != RequirementKind.Context && EducationPattern().IsMatch(r.Text))?.Text ?? "";

    /// <summary>
    /// The industry only when the text supports it: a domain the opening sentence names, or one named again and again
    /// in sentences about the company ("we", "our", its name). A single passing word ("shipping features") is not enough.
    /// </summary>
    string DetectIndustry(List<JobRequirement> requirements, string companyName)
    {
        var company = companyName.Trim();
        var scores = new Dictionary<int, (double Score, int First)>();
        // The opening sentence: the first line, or the first sentence after a title line ("Senior Data Engineer — Acme").
        var opening = requirements.Count > 1 && IsTitleLine(requirements[0].Text) ? 1 : 0;
        for (var r = 0; r < requirements.Count; r++)
        {
            var req = requirements[r];
            var aboutCompany = AboutCompanyCue().IsMatch(req.Text)
                               || (company.Length > 0 && req.Text.Contains(company, StringComparison.OrdinalIgnoreCase));
            var weight = r == 0 || r == opening ? 2.0
                : req.Kind != RequirementKind.Context ? 0.5
                : aboutCompany ? 1.5 : 1.0;
            foreach (var skill in req.SkillIds.Distinct())
            {
                if (taxonomy[skill].Category != "domain")
                {
                    continue;
                }

                scores[skill] = scores.TryGetValue(skill, out var e) ? (e.Score + weight, e.First) : (weight, r);
            }
        }

        var best = scores.Where(kv => kv.Value.Score >= 2.0)
            .OrderByDescending(kv => kv.Value.Score).ThenBy(kv => kv.Value.First).Select(kv => (int?)kv.Key).FirstOrDefault();
        return best is { } id ? taxonomy.NameOf(id) : "";
    }

    static bool IsTitleLine(string text) =>
        !text.EndsWith('.') && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12;

    static string DetectSize(string text)
    {
        var m = SizePattern().Match(text);
        return m.Success ? m.Value : "";
    }

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^(\d{1,2}[.)]\s)")]
    private static partial Regex NumberedBullet();

    [GeneratedRegex(@"(?<n>\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*years?", RegexOptions.IgnoreCase)]
    private static partial Regex YearsPattern();

    static readonly string[] NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    [GeneratedRegex(@"\b(?<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*\+?\s*(?:or more\s+)?years?\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearsInWordsPattern();

    [GeneratedRegex(@"\b(bachelor'?s?|master'?s?|ph\.?d|doctorate|degree|postgraduate|undergraduate|b\.?sc|m\.?sc|mba)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EducationPattern();

    [GeneratedRegex(@"^(?<c>(?<w>[A-Z][\w&'.-]*)(?:\s+(?:&\s+)?[A-Z][\w&'.-]*){0,3})\s+(?:is|are|was|builds|makes|helps|runs|designs|supplies|protects|provides|offers|operates|develops|sells|serves|powers)\b")]
    private static partial Regex CompanyIntroPattern();

    [GeneratedRegex(@"^At (?<c>[A-Z][\w&'.-]*(?:\s+(?:&\s+)?[A-Z][\w&'.-]*){0,3}),?\s+(?:we|our)\b")]
    private static partial Regex CompanyAtPattern();

    [GeneratedRegex(@"\b(we value|we believe|our values|we care about)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ValuesCue();

    [GeneratedRegex(@"\b(we|we're|our|us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutCompanyCue();

    [GeneratedRegex(@"\b\d[\d,]*\+?\s+(employees|engineers|people|staff|colleagues)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"(?:hiring|looking for|seeking|recruiting)\s+(?:an?\s+|our\s+(?:first\s+)?)?(?<t>(?:(?:[A-Z][\w/&+.-]*|of|and|&|,)\s*){1,8}?)(?=\s+(?:to|who|for|with|in|at|on)\b|[.,]|$)", RegexOptions.Multiline)]
    private static partial Regex HiringPattern();

    [GeneratedRegex(@"\bAs an?\s+(?<t>(?:[A-Z][\w/&+.-]*\s*){1,6}),", RegexOptions.Multiline)]
    private static partial Regex AsAPattern();
}
