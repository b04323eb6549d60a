namespace CvTailor.Data.Generation;

/// <summary><c>generation_skillstaxonomy</c>: a skill with aliases and related skills (unused by the original's code).</summary>
public class SkillsTaxonomy
{
    public int Id { get; set; }
    public string SkillName { get; set; } = "";
    public string Category { get; set; } = "";
    /// <summary>JSON array of strings.</summary>
    public string Aliases { get; set; } = "[]";
    /// <summary>JSON array of strings.</summary>
    public string RelatedSkills { get; set; } = "[]";
    public int PopularityScore { get; set; }
    public bool IsActive { get; set; } = true;
}
