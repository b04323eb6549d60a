using System.Text;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// Markdown (and plain text, which is Markdown without headings): ATX headings (<c># …</c>) open sections, blank
/// lines separate paragraphs, list items are paragraphs of their own, fenced code stays one paragraph.
/// </summary>
public static class MarkdownTextExtractor
{
    public static IReadOnlyList<TextBlock> Extract(string text, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<TextBlock>();
        string? heading = null;
        var paragraph = new StringBuilder();
        var inFence = false;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new TextBlock(heading, paragraph.ToString()));
                paragraph.Clear();
            }
        }

        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.Trim();
            if (markdown && line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                if (!inFence)
                {
                    Flush();
                }
                continue;
            }
            if (line.Length == 0)
            {
                if (!inFence)
                {
                    Flush();
                }
                continue;
            }
            if (markdown && !inFence && HeadingText(line) is { } title)
            {
                Flush();
                heading = title.Length > 0 ? title : heading;
                continue;
            }
            if (markdown && !inFence && IsListItem(line, out var item))
            {
                Flush();
                line = item;
            }
            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }
            ParagraphSplitter.AppendCollapsed(paragraph, line);
        }
        Flush();
        return blocks;
    }

    static string? HeadingText(string line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }
        if (level is 0 or > 6 || (level < line.Length && line[level] != ' '))
        {
            return null;
        }
        return ParagraphSplitter.Collapse(line[level..].Trim().TrimEnd('#').Trim());
    }

    static bool IsListItem(string line, out string item)
    {
        item = line;
        if (line.Length > 2 && line[0] is '-' or '*' or '+' && line[1] == ' ')
        {
            item = line[2..].Trim();
            return true;
        }
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }
        if (digits > 0 && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ')
        {
            item = line[(digits + 2)..].Trim();
            return true;
        }
        return false;
    }
}
