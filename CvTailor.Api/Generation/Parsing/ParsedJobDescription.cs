using System.Text.Json.Serialization;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>
/// The parse of a job description. Its JSON keeps the fields the original stored in
/// <c>generation_jobdescription.parsed_data</c> (role_title, seniority_level, company_info, must_have_skills,
/// nice_to_have_skills, key_responsibilities, company_values, experience_requirements, confidence_score) and adds the
/// structured requirements and keywords the matcher uses.
/// </summary>
public sealed record ParsedJobDescription
{
    /// <summary>SHA-256 (hex) of the raw text, as in the contract's <c>content_hash</c>.</summary>
    public required string ContentHash { get; init; }

    public required string RoleTitle { get; init; }

    public required string SeniorityLevel { get; init; }

    public required CompanyInfo CompanyInfo { get; init; }

    public required IReadOnlyList<string> MustHaveSkills { get; init; }

    public required IReadOnlyList<string> NiceToHaveSkills { get; init; }

    public required IReadOnlyList<string> KeyResponsibilities { get; init; }

    public required IReadOnlyList<string> CompanyValues { get; init; }

    public required ExperienceRequirements ExperienceRequirements { get; init; }

    public required IReadOnlyList<JobRequirement> Requirements { get; init; }

    public required IReadOnlyList<JobKeyword> Keywords { get; init; }

    public required double ConfidenceScore { get; init; }

    public string ParserVersion { get; init; } = JobDescriptionParser.Version;

    /// <summary>Stem → weight of the posting's words, for lexical scoring.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, double> QueryTerms { get; init; } = new Dictionary<string, double>();

    /// <summary>Requirements that ranking scores against (everything but company context).</summary>
    [JsonIgnore]
    public IEnumerable<JobRequirement> RankedRequirements => Requirements.Where(r => r.Kind != RequirementKind.Context);
}

public sealed record CompanyInfo(string Name, string Industry, string Size);

public sealed record ExperienceRequirements(int? Years, string Education);
