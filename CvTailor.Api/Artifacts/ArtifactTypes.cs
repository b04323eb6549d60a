namespace CvTailor.Api.Artifacts;

/// <summary>Values of <c>artifacts_artifact.artifact_type</c> (the original model's choices).</summary>
public static class ArtifactTypes
{
    public const string Project = "project";

    public static IReadOnlyList<string> All { get; } =
        [Project, "publication", "presentation", "certification", "experience", "education"];
}
