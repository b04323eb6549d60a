using CvTailor.Data.Files;

namespace CvTailor.Api.Storage;

/// <summary>
/// Upload limits, in the <c>Storage</c> section beside <c>Storage:Root</c> (which <see cref="StorageOptions"/>
/// holds; <see cref="FileStorage"/> writes the files).
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Storage";

    /// <summary>Largest accepted file (the original's 10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>DOCX (ZIP) bounds checked on upload (<c>Storage:Archive:*</c>); the worker applies its own when extracting.</summary>
    public ArchiveLimits Archive { get; set; } = new();

    /// <summary>Most files accepted in one request.</summary>
    public int MaxFilesPerRequest { get; set; } = 10;

    /// <summary>Body limit of an upload request: every file at its largest plus room for the form's other parts.</summary>
    public long MaxUploadRequestBytes => (MaxFileBytes * MaxFilesPerRequest) + (1024 * 1024);
}
