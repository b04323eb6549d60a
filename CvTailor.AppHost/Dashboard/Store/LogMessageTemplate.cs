using System.Text;

namespace CvTailor.AppHost.Dashboard.Store;

/// <summary>
/// Renders a message template such as <c>Artifact {ArtifactId} created</c> with the record's attributes, the way
/// ILogger would have formatted it. Unknown placeholders and <c>{{</c> escapes are kept as written.
/// </summary>
public static class LogMessageTemplate
{
    public static string Render(string template, IReadOnlyList<TelemetryTag> attributes)
    {
        if (template.IndexOf('{', StringComparison.Ordinal) < 0 || attributes.Count == 0)
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0 || open == template.Length - 1)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            if (template[open + 1] == '{')
            {
                result.Append("{{");
                i = open + 2;
                continue;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                result.Append(template, open, template.Length - open);
                break;
            }

            // "{Name}", "{Name:format}" or "{Name,alignment}": the attribute carries the name without the suffix.
            var hole = template.AsSpan(open + 1, close - open - 1);
            var end = hole.IndexOfAny(':', ',');
            var name = (end < 0 ? hole : hole[..end]).TrimStart('@').TrimStart('$').ToString();
            var value = attributes.FirstOrDefault(a => a.Key == name);
            if (value.Key is null)
            {
                result.Append(template, open, close - open + 1);
            }
            else
            {
                result.Append(value.Value);
            }

            i = close + 1;
        }

        return result.ToString();
    }
}
