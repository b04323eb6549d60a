namespace CvTailor.Api.Export;

/// <summary>
/// The contract's export options (E1 <c>options</c>, <c>sections</c>, <c>watermark</c>), validated by the endpoint.
/// Unlike the original, every one of them is honoured by every renderer that can express it.
/// </summary>
public sealed record ExportOptions
{
    public bool IncludeEvidence { get; init; } = true;

    public EvidenceFormat EvidenceFormat { get; init; } = EvidenceFormat.Hyperlinks;

    public PageMargins PageMargins { get; init; } = PageMargins.Normal;

    /// <summary>Body text size in points, 10–14.</summary>
    public int FontSize { get; init; } = 11;

    public ColorScheme ColorScheme { get; init; } = ColorScheme.Monochrome;

    public ExportSections Sections { get; init; } = new();

    public Watermark? Watermark { get; init; }

    /// <summary>Page size; the original used US Letter.</summary>
    public PageSize PageSize { get; init; } = PageSize.Letter;

    /// <summary>The export template's look; <see cref="TemplateStyle.Default"/> without a template.</summary>
    public TemplateStyle Style { get; init; } = TemplateStyle.Default;

    /// <summary>Creation date written into document metadata; null leaves it out (byte-stable output).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

public sealed record ExportSections
{
    public bool IncludeProfessionalSummary { get; init; } = true;

    public bool IncludeSkills { get; init; } = true;

    public bool IncludeExperience { get; init; } = true;

    public bool IncludeProjects { get; init; } = true;

    public bool IncludeEducation { get; init; } = true;

    public bool IncludeCertifications { get; init; } = true;
}

/// <summary>A diagonal text watermark; opacity 0.1–0.5.</summary>
public sealed record Watermark(string Text, double Opacity = 0.2);

public enum EvidenceFormat
{
    Hyperlinks,
    Footnotes,
    QrCodes,
}

public enum PageMargins
{
    Narrow,
    Normal,
    Wide,
}

public enum ColorScheme
{
    Monochrome,
    Accent,
    FullColor,
}

public enum PageSize
{
    Letter,
    A4,
}
