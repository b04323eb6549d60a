using SkiaSharp;

namespace CvTailor.Api.Export.Renderers;

/// <summary>Regular and bold typefaces for the PDF, resolved once and shared (typefaces are immutable).</summary>
public sealed class PdfFontSet : IDisposable
{
    PdfFontSet(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public static PdfFontSet Resolve(PdfFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.FontDirectory))
        {
            SKTypeface Load(string file)
            {
                var path = Path.Combine(options.FontDirectory, file);
                return SKTypeface.FromFile(path)
                       ?? throw new InvalidOperationException($"Font file '{path}' could not be loaded.");
            }

            return new PdfFontSet(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        }

        var manager = SKFontManager.Default;
        SKTypeface Match(SKFontStyle style)
        {
            var typeface = manager.MatchFamily(options.FamilyName, style);
            if (typeface is null || !string.Equals(typeface.FamilyName, options.FamilyName, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Font family '{options.FamilyName}' is not installed; install it (Debian: fonts-dejavu-core) or set Export:Pdf:FontDirectory.");
            }

            return typeface;
        }

        return new PdfFontSet(Match(SKFontStyle.Normal), Match(SKFontStyle.Bold));
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }
}
