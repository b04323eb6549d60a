using System.Text;

namespace CvTailor.Api.Storage;

/// <summary>
/// The name a client gave a file, reduced to something safe to store and show: the last path segment only (either
/// separator), no control characters, at most the column's 255 characters. It is never used to build a path.
/// </summary>
public static class ClientFileName
{
    public const int MaxLength = 255;

    public static string Clean(string? name)
    {
        var text = name ?? "";
        var lastSeparator = text.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            text = text[(lastSeparator + 1)..];
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c))
            {
                clean.Append(c);
            }
        }
        text = clean.ToString().Trim();
        if (text is "" or "." or "..")
        {
            return "upload";
        }
        if (text.Length > MaxLength)
        {
            // Keep the extension: it is what the format check reads.
            var extension = Path.GetExtension(text);
            extension = extension.Length <= 16 ? extension : "";
            text = text[..(MaxLength - extension.Length)] + extension;
        }
        return text;
    }
}
