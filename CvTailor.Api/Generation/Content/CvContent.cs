namespace CvTailor.Api.Generation.Content;

/// <summary>
/// The CV content JSON of the contract (§4.7), key for key: professional_summary, key_skills, experience, projects,
/// education, certifications. Serialise with <see cref="GenerationJson.Options"/> for the snake_case names.
/// </summary>
public sealed record CvContent(
    string ProfessionalSummary,
    IReadOnlyList<string> KeySkills,
    IReadOnlyList<CvExperience> Experience,
    IReadOnlyList<CvProject> Projects,
    IReadOnlyList<CvEducation> Education,
    IReadOnlyList<CvCertification> Certifications);

public sealed record CvExperience(
    string Title,
    string Organization,
    string Duration,
    IReadOnlyList<string> Achievements,
    IReadOnlyList<string> TechnologiesUsed,
    IReadOnlyList<string> EvidenceReferences);

public sealed record CvProject(
    string Name, string Description, IReadOnlyList<string> Technologies, string EvidenceUrl, string ImpactMetrics);

public sealed record CvEducation(string Degree, string Institution, string Year, string Details);

public sealed record CvCertification(string Name, string Issuer, string Date);
