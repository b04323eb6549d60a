namespace CvTailor.Api.Export.Renderers;

/// <summary>
/// Which fonts the PDF embeds (configuration section "Export:Pdf"). By default the DejaVu Sans family is resolved by
/// name through the system font manager; <see cref="FontDirectory"/> points at the .ttf files instead.
/// </summary>
public sealed record PdfFontOptions
{
    public string FamilyName { get; init; } = "DejaVu Sans";

    /// <summary>The family of serif templates (Classic); when it cannot be loaded they use <see cref="FamilyName"/>.</summary>
    public string SerifFamilyName { get; init; } = "DejaVu Serif";

    /// <summary>Directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (and optionally DejaVuSerif*.ttf); optional.</summary>
    public string? FontDirectory { get; init; }
}
