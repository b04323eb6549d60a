using System.Text;

namespace CvTailor.Api.Generation.Content;

/// <summary>All the text of a CV, one statement per line, for grounding checks and search.</summary>
public static class CvText
{
    public static string Flatten(CvContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sb = new StringBuilder();
        void Line(string? s)
        {
            if (!string.IsNullOrWhiteSpace(s))
            {
                sb.Append(s).Append('\n');
            }
        }

        Line(content.ProfessionalSummary);
        Line(string.Join(", ", content.KeySkills));
        foreach (var e in content.Experience)
        {
            Line(e.Title);
            Line(e.Organization);
            Line(e.Duration);
            e.Achievements.ToList().ForEach(Line);
            Line(string.Join(", ", e.TechnologiesUsed));
            e.EvidenceReferences.ToList().ForEach(Line);
        }

        foreach (var p in content.Projects)
        {
            Line(p.Name);
            Line(p.Description);
            Line(string.Join(", ", p.Technologies));
            Line(p.EvidenceUrl);
            Line(p.ImpactMetrics);
        }

        foreach (var e in content.Education)
        {
            Line(e.Degree);
            Line(e.Institution);
            Line(e.Year);
            Line(e.Details);
        }

        foreach (var c in content.Certifications)
        {
            Line(c.Name);
            Line(c.Issuer);
            Line(c.Date);
        }

        return sb.ToString();
    }
}
