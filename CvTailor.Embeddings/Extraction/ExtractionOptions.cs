using System.ComponentModel.DataAnnotations;
using CvTailor.Data.Files;

namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// How much of the attached files is read (<c>Embeddings:Extraction</c>). Where they are is <c>Storage:Root</c>
/// (<see cref="StorageOptions"/>), shared with the Api.
/// </summary>
public sealed class ExtractionOptions
{
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
