namespace CvTailor.Data.Queue;

/// <summary>Values of <c>embedding_jobs.kind</c>.</summary>
public static class EmbeddingJobKinds
{
    /// <summary>An artifact was created or changed: (re)embed it.</summary>
    public const string ArtifactUpsert = "artifact_upsert";

    /// <summary>An artifact was deleted: remove its vectors.</summary>
    public const string ArtifactDelete = "artifact_delete";

    /// <summary>Re-embed with the current model (model change, imported rows without vectors).</summary>
    public const string Reembed = "reembed";

    public static IReadOnlyList<string> All { get; } = [ArtifactUpsert, ArtifactDelete, Reembed];
}
