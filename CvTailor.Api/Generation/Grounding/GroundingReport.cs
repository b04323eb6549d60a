namespace CvTailor.Api.Generation.Grounding;

/// <summary>The result of a grounding check: every fact in an output that its inputs do not contain.</summary>
public sealed record GroundingReport(bool IsGrounded, IReadOnlyList<GroundingViolation> Violations)
{
    public static GroundingReport From(IReadOnlyList<GroundingViolation> violations) => new(violations.Count == 0, violations);
}

/// <summary>One unsupported fact: kind ("number", "skill" or "organization"), the value and the text it was found in.</summary>
public sealed record GroundingViolation(string Kind, string Value, string Context);
