using System.ComponentModel.DataAnnotations;
using CvTailor.Data.Files;

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

    /// <summary>DOCX (ZIP) bounds (<c>Embeddings:Extraction:Archive:*</c>); a file over them fails its artifact's job.</summary>
    public ArchiveLimits Archive { get; set; } = new();

    /// <summary>A PDF with more pages fails its artifact's job before any page is read.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPdfPages { get; set; } = 300;

    /// <summary>Longest time spent reading one file's text (checked between pages and paragraphs).</summary>
    public TimeSpan MaxExtractionTime { get; set; } = TimeSpan.FromSeconds(60);
}
