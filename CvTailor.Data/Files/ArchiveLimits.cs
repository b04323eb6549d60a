using System.ComponentModel.DataAnnotations;

namespace CvTailor.Data.Files;

/// <summary>
/// Bounds on a ZIP container (DOCX) before anything is inflated: the Api refuses an upload over them, the Embeddings
/// worker refuses to extract one (and also counts the bytes it actually inflates, since the sizes a ZIP declares can
/// lie). The defaults leave real CVs and reports (tens of entries, a few MB inflated) far inside.
/// </summary>
public sealed class ArchiveLimits
{
    /// <summary>Most entries (a real DOCX has tens, a few hundred with many images).</summary>
    [Range(1, 65_534)]
    public int MaxEntries { get; set; } = 1000;

    /// <summary>Largest inflated size of one entry.</summary>
    [Range(1, long.MaxValue)]
    public long MaxEntryBytes { get; set; } = 48L * 1024 * 1024;

    /// <summary>Largest inflated size of all entries together.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Highest inflated/compressed ratio of an entry above <see cref="RatioFloorBytes"/> (bombs reach ~1000).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Entries smaller than this inflated are not held to the ratio (tiny, very repetitive XML is normal).</summary>
    [Range(0, long.MaxValue)]
    public long RatioFloorBytes { get; set; } = 1024 * 1024;
}
