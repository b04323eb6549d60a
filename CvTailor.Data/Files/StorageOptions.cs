namespace CvTailor.Data.Files;

/// <summary>
/// Configuration section <c>Storage</c>, read by every service that touches stored files (the Api writes them, the
/// Embeddings worker reads them): both must see the same directory, so give both the same absolute path.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Root of stored files (the original's MEDIA_ROOT); relative paths are under the content root.</summary>
    public string Root { get; set; } = "media";
}
