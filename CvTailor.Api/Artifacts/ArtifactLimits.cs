namespace CvTailor.Api.Artifacts;

/// <summary>Field limits: the columns' lengths, plus the limits the original's docs gave (description ≤ 5000).</summary>
public static class ArtifactLimits
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 5000;
    public const int ListMaxItems = 100;
    public const int TechnologyMaxLength = 100;
    public const int CollaboratorMaxLength = 254;
    public const int EvidenceLinksMaxItems = 50;
    public const int UrlMaxLength = 200;
    public const int LinkDescriptionMaxLength = 255;
    public const int BulkMaxArtifacts = 100;
    public const int SearchMaxLength = 200;
}
