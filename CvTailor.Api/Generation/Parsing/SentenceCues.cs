using System.Text.RegularExpressions;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// What a sentence asks for judged from its own wording, for postings written as running prose (no headings, or
/// prose outside any requirements section): "you have", "required", "5+ years" make a must-have; "bonus", "nice to
/// have", "familiarity with", "ideally" a nice-to-have; "you will", "you'll own" a responsibility. Sentences without
/// such language (the company, the team, the offer) stay context.
/// </summary>
internal static partial class SentenceCues
{
    public static RequirementKind Classify(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var s = sentence.Replace('’', '\'');
        if (Optional().IsMatch(s))
        {
            return RequirementKind.NiceToHave;
        }

        if (Required().IsMatch(s))
        {
            return RequirementKind.MustHave;
        }

        return Duty().IsMatch(s) ? RequirementKind.Responsibility : RequirementKind.Context;
    }

    [GeneratedRegex(@"\b(nice[ -]to[ -]haves?|bonus|(is|are|would be|as) an? (plus|bonus|advantage)|a plus\b|ideally|preferably|preferred|familiarity with|exposure to|some experience|desirable|would be (very |really |especially |most )?(great|nice|helpful|welcome|useful|valuable)|(is|are) (very |most )?welcome\b(?! to)|not (strictly )?required|helpful|appreciated|good to have|if you('ve| have) (also )?(used|worked|touched))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Optional();

    [GeneratedRegex(@"\b(you('ll| will)? (have|bring|need|possess)|you('re| are) (an? )?(experienced|fluent|proficient|comfortable|confident|skilled|strong|someone)|we('re| are) looking for|looking for someone|we (need|want) (an? |someone)|you (understand|know how|know your way)|we('re| are) seeking|you should (have|be)|must|required|requires?|essential|need(s)? (to have|strong|solid|proven|deep|experience)|\d+\s*\+?\s*years|years of|proven|track record|strong (experience|background|skills|knowledge|command|grasp)|solid (experience|background|knowledge|understanding)|deep (experience|knowledge|understanding|expertise)|hands-on|proficien|expertise in|experience (with|in|of|building|running|designing|leading|shipping|working)|background in|knowledge of|fluency in|fluent in|qualifications?|degree in)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Required();

    [GeneratedRegex(@"\b(you('ll| will| would)|you('d| would)|your (job|role|day|work|mission|remit|responsibilit\w+)|responsible for|in this role|the role (involves|includes|covers)|day[- ]to[- ]day|you('ll| will) be|you own|you lead|you build|you design|you work|you ship|you run|you drive|you partner)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duty();
}
