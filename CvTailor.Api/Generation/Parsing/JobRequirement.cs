using System.Text.Json.Serialization;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>One requirement or responsibility line of a job description, with the taxonomy skills it names.</summary>
public sealed record JobRequirement(string Id, string Text, RequirementKind Kind, IReadOnlyList<string> Skills)
{
    [JsonIgnore]
    public IReadOnlyList<int> SkillIds { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyList<Token> Tokens { get; init; } = [];

    /// <summary>How much covering this line counts towards a match.</summary>
    [JsonIgnore]
    public double Weight => Kind switch
    {
        RequirementKind.MustHave => 1.0,
        RequirementKind.Responsibility => 0.7,
        RequirementKind.NiceToHave => 0.5,
        _ => 0.2,
    };
}
