using System.ComponentModel.DataAnnotations;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// Where attached files are and how much of them is read. <see cref="StorageRoot"/> is bound from <c>Storage:Root</c>,
/// the key the Api stores uploads under; both services must see the same directory (give both an absolute path).
/// </summary>
public sealed class ExtractionOptions
{
    /// <summary>Root of stored files; a relative path is under the content root, as in the Api.</summary>
    public string StorageRoot { get; set; } = "media";

    /// <summary>Larger files are skipped (recorded as an extraction error).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Most characters taken from one file; the rest is ignored (bounds embedding work per artifact).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCharactersPerFile { get; set; } = 200_000;
}
