namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Which fonts the PDF embeds (configuration section "Export:Pdf"). By default the DejaVu files the build copies to
/// <c>fonts/</c> beside the app (<see cref="PdfFontSet.Resolve"/>); <see cref="FontDirectory"/> points elsewhere.
/// Lookup by family name needs a fontconfig-enabled native library, which the Api no longer ships.
/// </summary>
public sealed record PdfFontOptions
{
    public string FamilyName { get; init; } = "DejaVu Sans";

    /// <summary>The family of serif templates (Classic); when it cannot be loaded they use <see cref="FamilyName"/>.</summary>
    public string SerifFamilyName { get; init; } = "DejaVu Serif";

    /// <summary>Directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (and optionally DejaVuSerif*.ttf); optional.</summary>
    public string? FontDirectory { get; init; }
}
