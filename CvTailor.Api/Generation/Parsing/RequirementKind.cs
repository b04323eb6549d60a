namespace CvTailor.Api.Generation.Parsing;

/// <summary>What a line of a job description asks for, from the section it sits in.</summary>
public enum RequirementKind
{
    MustHave,
    NiceToHave,
    Responsibility,
    Context,
}
