using System.Text.Json.Serialization;

namespace CvTailor.Api.Generation.Parsing;

/// <summary>A screening keyword of the posting: a taxonomy skill (canonical name) or an unknown product name.</summary>
/// <param name="Term">Canonical skill name, or the posting's own spelling when the taxonomy does not know it.</param>
/// <param name="Importance">Strongest section it appears in.</param>
/// <param name="Weight">1.0 must-have, 0.7 responsibility, 0.5 nice-to-have, plus a little per repetition.</param>
/// <param name="Category">Taxonomy category, or "unknown".</param>
public sealed record JobKeyword(string Term, RequirementKind Importance, double Weight, string Category)
{
    [JsonIgnore]
    public int? SkillId { get; init; }
}
