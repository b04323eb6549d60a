using System.Text;

namespace CvTailor.Embeddings.Extraction;

/// <summary>Splits plain text into paragraphs (blank-line separated) with whitespace inside each collapsed.</summary>
public static class ParagraphSplitter
{
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraph = new StringBuilder();
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                if (paragraph.Length > 0)
                {
                    yield return paragraph.ToString();
                    paragraph.Clear();
                }
                continue;
            }
            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }
            AppendCollapsed(paragraph, line);
        }
        if (paragraph.Length > 0)
        {
            yield return paragraph.ToString();
        }
    }

    /// <summary>Appends <paramref name="text"/> with every whitespace run turned into one space.</summary>
    public static void AppendCollapsed(StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(ch);
        }
    }

    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        AppendCollapsed(builder, text);
        return builder.ToString();
    }
}
