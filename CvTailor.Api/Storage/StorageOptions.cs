namespace CvTailor.Api.Storage;

/// <summary>Configuration section <c>Storage</c>: where uploaded files live and how big they may be.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// Directory holding every stored file (relative paths are resolved against the content root). The database keeps
    /// paths relative to it (<c>uploads/…</c>), as the original kept paths relative to MEDIA_ROOT.
    /// </summary>
    public string Root { get; set; } = ".cvtailor/media";

    /// <summary>Largest accepted file (the original's 10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most files accepted in one request.</summary>
    public int MaxFilesPerRequest { get; set; } = 10;

    /// <summary>Body limit of an upload request: every file at its largest plus room for the form's other parts.</summary>
    public long MaxUploadRequestBytes => (MaxFileBytes * MaxFilesPerRequest) + (1024 * 1024);
}
