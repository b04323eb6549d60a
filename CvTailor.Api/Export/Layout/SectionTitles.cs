namespace CvTailor.Api.Export.Layout;

/// <summary>The section headings ATS parsers recognise, as the original's renderers named them.</summary>
public static class SectionTitles
{
    public const string ProfessionalSummary = "Professional Summary";
    public const string KeySkills = "Key Skills";
    public const string Experience = "Professional Experience";
    public const string Projects = "Key Projects";
    public const string Education = "Education";
    public const string Certifications = "Certifications";
    public const string Evidence = "Supporting Evidence";
}
