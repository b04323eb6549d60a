using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Model;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Grounding;

/// <summary>
/// Checks that a text states no number, skill or organisation its inputs do not contain. Numbers must occur in the
/// inputs (thousands separators ignored; dates contribute their years); skills named through the taxonomy must be
/// among the skills the artifacts evidence (directly or by implication) or occur literally; capitalised names in
/// mid-sentence must occur in the inputs. Used on the deterministic output in tests and to vet LLM rewrites.
/// </summary>
public sealed partial class GroundingChecker(SkillTaxonomy taxonomy)
{
    static readonly HashSet<string> AllowedCapitalised = new(StringComparer.Ordinal)
    {
        "I", "CV", "Present", "Technologies", "Impact", "Evidence", "Dear", "Kind", "Thank", "You", "Your", "My", "The",
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
    };

    readonly ArtifactAnalyzer _analyzer = new(taxonomy);

    /// <summary>A prepared source, reusable for several texts.</summary>
    public PreparedSource Prepare(GroundingSource source, IReadOnlyList<ArtifactProfile>? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new StringBuilder();
        void Add(string? s)
        {
            if (!string.IsNullOrWhiteSpace(s))
            {
                text.Append(s).Append('\n');
            }
        }

        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var skills = new HashSet<int>();
        foreach (var artifact in source.Artifacts)
        {
            Add(artifact.Title);
            Add(artifact.Description);
            Add(artifact.Organization);
            foreach (var t in artifact.Technologies)
            {
                Add(t);
            }

            foreach (var c in artifact.Collaborators)
            {
                Add(c);
            }

            foreach (var l in artifact.EvidenceLinks)
            {
                Add(l.Url);
                Add(l.Description);
            }

            foreach (var chunk in artifact.ChunkTexts)
            {
                Add(chunk);
            }

            foreach (var d in new[] { artifact.StartDate, artifact.EndDate })
            {
                if (d is { } date)
                {
                    numbers.Add(date.Year.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (profiles is null)
            {
                skills.UnionWith(_analyzer.Analyze(artifact).Skills.Keys);
            }
        }

        foreach (var profile in profiles ?? [])
        {
            skills.UnionWith(profile.Skills.Keys);
        }

        var p = source.Profile;
        foreach (var s in new[] { p.FirstName, p.LastName, p.DisplayName, p.Email, p.Phone, p.Location, p.LinkedinUrl, p.GithubUrl, p.WebsiteUrl, p.Headline, source.CompanyName, source.RoleTitle })
        {
            Add(s);
        }

        var all = text.ToString();
        foreach (Match m in NumberPattern().Matches(all))
        {
            numbers.Add(NormaliseNumber(m.Value));
        }

        // The profile headline can name skills too ("Go, PostgreSQL, Kubernetes").
        foreach (var mention in taxonomy.FindMentions(taxonomy.Analyzer.Tokenize(p.Headline)))
        {
            skills.UnionWith(taxonomy.Closure(mention.Skill));
        }

        var stemText = new Lazy<string>(() => " " + string.Join(' ', taxonomy.Analyzer.Tokenize(all).Select(t => t.Stem)) + " ");
        return new PreparedSource(all, numbers, skills, stemText);
    }

    public GroundingReport Check(string output, GroundingSource source) => Check(output, Prepare(source));

    public GroundingReport Check(string output, PreparedSource source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(source);
        var violations = new List<GroundingViolation>();
        foreach (Match m in NumberPattern().Matches(output))
        {
            if (!source.Numbers.Contains(NormaliseNumber(m.Value)))
            {
                violations.Add(new GroundingViolation("number", m.Value, ContextOf(output, m.Index)));
            }
        }

        var tokens = taxonomy.Analyzer.Tokenize(output);
        // A shorter alias inside a longer skill name ("optimization" in "Query optimization") is not a claim of its own.
        foreach (var mention in taxonomy.FindMaximalMentions(tokens))
        {
            if (source.Skills.Contains(mention.Skill))
            {
                continue;
            }

            var phrase = " " + string.Join(' ', Enumerable.Range(mention.FirstToken, mention.EndToken - mention.FirstToken).Select(i => tokens[i].Stem)) + " ";
            if (!source.StemText.Value.Contains(phrase, StringComparison.Ordinal))
            {
                violations.Add(new GroundingViolation("skill", taxonomy.NameOf(mention.Skill), ContextOf(output, tokens[mention.FirstToken].Start)));
            }
        }

        var covered = taxonomy.FindMentions(tokens).SelectMany(m => Enumerable.Range(m.FirstToken, m.EndToken - m.FirstToken)).ToHashSet();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.StartsSentence || covered.Contains(i) || !IsCapitalisedWord(t.Surface) || AllowedCapitalised.Contains(t.Surface))
            {
                continue;
            }

            if (!source.Text.Contains(t.Surface, StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(new GroundingViolation("organization", t.Surface, ContextOf(output, t.Start)));
            }
        }

        return GroundingReport.From(violations);
    }

    static bool IsCapitalisedWord(string s) => s.Length > 1 && char.IsUpper(s[0]) && s.Any(char.IsLetter);

    static string NormaliseNumber(string value)
    {
        var v = value.Replace(",", "", StringComparison.Ordinal);
        if (v.Contains('.', StringComparison.Ordinal))
        {
            v = v.TrimEnd('0').TrimEnd('.');
        }

        return v.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
    }

    static string ContextOf(string text, int index)
    {
        var start = Math.Max(0, index - 40);
        var end = Math.Min(text.Length, index + 40);
        return text[start..end].ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}

/// <summary>A grounding source prepared for checking: its text, numbers, evidenced skills and stems.</summary>
public sealed record PreparedSource(string Text, IReadOnlySet<string> Numbers, IReadOnlySet<int> Skills, Lazy<string> StemText);
