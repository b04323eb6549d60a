using System.Text;
using CvTailor.Api.Export.Layout;

namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Renders a <see cref="RenderDocument"/> as Markdown: the name as "#", sections as "##", bullets as "- ",
/// links as [text](url). QR codes cannot be drawn in Markdown; their links are listed instead.
/// </summary>
public sealed class MarkdownRenderer
{
    public string Render(RenderDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case NameBlock name:
                    md.Append("# ").Append(Escape(name.Text)).Append("\n\n");
                    break;
                case ContactBlock contact:
                    md.Append(Spans(contact.Spans)).Append("\n\n");
                    break;
                case HeadingBlock heading:
                    md.Append("## ").Append(Escape(heading.Text)).Append("\n\n");
                    break;
                case ParagraphBlock { IsBullet: true } bullet:
                    md.Append("- ").Append(Spans(bullet.Spans)).Append('\n');
                    break;
                case ParagraphBlock paragraph:
                    md.Append(Spans(paragraph.Spans)).Append("\n\n");
                    break;
                case QrBlock:
                    break;
                default:
                    throw new NotSupportedException(block.GetType().Name);
            }
        }

        return md.ToString().Replace("\n- ", "\n- ", StringComparison.Ordinal).TrimEnd() + "\n";
    }

    static string Spans(IEnumerable<Span> spans)
    {
        var sb = new StringBuilder();
        foreach (var s in spans)
        {
            var text = Escape(s.Text);
            var lead = text.Length - text.TrimStart().Length;
            var trail = text.Length - text.TrimEnd().Length;
            var core = text.Trim();
            if (core.Length == 0)
            {
                sb.Append(text);
                continue;
            }

            core = s.Style switch
            {
                SpanStyle.Bold => $"**{core}**",
                SpanStyle.Italic => $"*{core}*",
                _ => core,
            };
            if (s.Url is not null)
            {
                core = $"[{core}]({s.Url.Replace(")", "%29", StringComparison.Ordinal)})";
            }

            sb.Append(text[..lead]).Append(core).Append(text[(text.Length - trail)..]);
        }

        return sb.ToString();
    }

    /// <summary>Escapes the characters that would turn plain CV text into Markdown syntax.</summary>
    static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '#' or '<' or '>')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
