using SkiaSharp;

namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Regular and bold typefaces for the PDF, resolved once and shared (typefaces are immutable). The serif pair for
/// serif templates is resolved on first use and falls back to the sans pair when the family is not installed, so a
/// missing optional font changes the look, never the outcome.
/// </summary>
public sealed class PdfFontSet : IDisposable
{
    readonly Lazy<(SKTypeface Regular, SKTypeface Bold)?> _serif;

    PdfFontSet(SKTypeface regular, SKTypeface bold, Func<(SKTypeface, SKTypeface)?> serif)
    {
        Regular = regular;
        Bold = bold;
        _serif = new Lazy<(SKTypeface, SKTypeface)?>(serif, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The folder, relative to the app, that the build fills with the DejaVu files (CvTailor.Api.csproj).</summary>
    public const string BundledDirectory = "fonts";

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>The regular and bold faces for <paramref name="font"/>.</summary>
    public (SKTypeface Regular, SKTypeface Bold) For(TemplateFont font) =>
        font == TemplateFont.Serif && _serif.Value is { } serif ? serif : (Regular, Bold);

    /// <summary>
    /// <see cref="PdfFontOptions.FontDirectory"/> when set; else the <c>fonts/</c> folder the build copies beside the
    /// app (the native library has no fontconfig, so this is the usual source); else the family by name.
    /// </summary>
    public static PdfFontSet Resolve(PdfFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = !string.IsNullOrEmpty(options.FontDirectory) ? options.FontDirectory
            : File.Exists(Path.Combine(AppContext.BaseDirectory, BundledDirectory, "DejaVuSans.ttf")) ? Path.Combine(AppContext.BaseDirectory, BundledDirectory)
            : null;
        if (directory is not null)
        {
            SKTypeface? TryLoad(string file) => SKTypeface.FromFile(Path.Combine(directory, file));
            SKTypeface Load(string file) => TryLoad(file)
                ?? throw new InvalidOperationException($"Font file '{Path.Combine(directory, file)}' could not be loaded.");

            return new PdfFontSet(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"), () => Pair(TryLoad("DejaVuSerif.ttf"), TryLoad("DejaVuSerif-Bold.ttf")));
        }

        var manager = SKFontManager.Default;
        SKTypeface? TryMatch(string family, SKFontStyle style)
        {
            var typeface = manager.MatchFamily(family, style);
            if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
            {
                typeface?.Dispose();
                return null;
            }

            return typeface;
        }

        SKTypeface Match(SKFontStyle style) => TryMatch(options.FamilyName, style)
            ?? throw new InvalidOperationException(
                $"Font family '{options.FamilyName}' not found: no {BundledDirectory}/ folder beside the app (build with DejaVu installed, Debian: fonts-dejavu-core) and Export:Pdf:FontDirectory not set.");

        return new PdfFontSet(Match(SKFontStyle.Normal), Match(SKFontStyle.Bold),
            () => Pair(TryMatch(options.SerifFamilyName, SKFontStyle.Normal), TryMatch(options.SerifFamilyName, SKFontStyle.Bold)));
    }

    static (SKTypeface, SKTypeface)? Pair(SKTypeface? regular, SKTypeface? bold)
    {
        if (regular is not null && bold is not null)
        {
            return (regular, bold);
        }

        regular?.Dispose();
        bold?.Dispose();
        return null;
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
        if (_serif is { IsValueCreated: true, Value: { } serif })
        {
            serif.Regular.Dispose();
            serif.Bold.Dispose();
        }
    }
}
