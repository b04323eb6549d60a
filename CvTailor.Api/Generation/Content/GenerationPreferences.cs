namespace CvTailor.Api.Generation.Content;

/// <summary>The contract's generation_preferences and custom_sections, already validated by the endpoint.</summary>
public sealed record GenerationPreferences
{
    /// <summary>professional, technical or creative.</summary>
    public string Tone { get; init; } = "professional";

    /// <summary>concise or detailed.</summary>
    public string Length { get; init; } = "detailed";

    public bool IncludePublications { get; init; } = true;

    public bool IncludeCertifications { get; init; } = true;

    public bool IncludeVolunteer { get; init; } = true;

    public bool IsConcise => Length == "concise";
}
