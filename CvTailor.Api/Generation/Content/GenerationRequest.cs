namespace CvTailor.Api.Generation.Content;

/// <summary>What a caller asks to generate: the posting, the target, the optional artifact selection and preferences.</summary>
public sealed record GenerationRequest
{
    public required string JobDescription { get; init; }

    public string CompanyName { get; init; } = "";

    public string RoleTitle { get; init; } = "";

    /// <summary>When not empty, only these artifacts are candidates (the client sends them as label_ids).</summary>
    public IReadOnlyCollection<string> ArtifactIds { get; init; } = [];

    public GenerationPreferences Preferences { get; init; } = new();

    /// <summary>Reference date for recency ("today" of the request).</summary>
    public required DateOnly AsOf { get; init; }
}
