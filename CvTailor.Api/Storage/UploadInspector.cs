using System.Globalization;
using CvTailor.Data.Files;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Storage;

/// <summary>A file that passed every check, ready to be stored.</summary>
public sealed record AcceptedUpload(IFormFile File, string OriginalFileName, DocumentKind Kind, long Size);

/// <summary>The outcome of checking one upload: the accepted file or the message explaining the refusal.</summary>
public readonly record struct UploadCheck(AcceptedUpload? Accepted, string? Error);

/// <summary>
/// Decides whether an uploaded file may be stored: size, an accepted extension, and content whose bytes match that
/// extension (a PDF renamed <c>.docx</c> is refused), and for a DOCX a ZIP within <see cref="UploadOptions.Archive"/>
/// (entry count, inflated sizes, compression ratio, read from the central directory: a decompression bomb is refused
/// here, before it is stored). The client's declared content type is not trusted.
/// </summary>
public sealed class UploadInspector(IOptions<UploadOptions> options)
{
    readonly UploadOptions _options = options.Value;

    public int MaxFilesPerRequest => _options.MaxFilesPerRequest;

    public string TooManyFilesMessage =>
        string.Create(CultureInfo.InvariantCulture, $"Maximum {_options.MaxFilesPerRequest} files allowed per upload.");

    public static string AcceptedExtensions =>
        string.Join(", ", DocumentKind.All.SelectMany(k => k.Extensions));

    public async Task<UploadCheck> CheckAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = ClientFileName.Clean(file.FileName);
        if (file.Length > _options.MaxFileBytes)
        {
            return Refuse($"File {name} exceeds {LimitText(_options.MaxFileBytes)} size limit.");
        }
        if (file.Length == 0)
        {
            return Refuse($"File {name} is empty.");
        }

        var claimed = DocumentKind.FromFileName(name);
        if (claimed is null)
        {
            return Refuse($"File {name} has unsupported type: {DeclaredType(file)} (accepted: {AcceptedExtensions}).");
        }

        SniffedFormat sniffed;
        string? archiveProblem = null;
        await using (var stream = file.OpenReadStream())
        {
            sniffed = await ContentSniffer.SniffAsync(stream, ct);
            if (sniffed == SniffedFormat.Docx)
            {
                archiveProblem = ArchiveCheck.Problem(stream, _options.Archive);
            }
        }
        if (!Matches(claimed, sniffed))
        {
            return Refuse($"File {name} is not a valid {claimed.Name} file (its content does not match its extension).");
        }
        if (archiveProblem is not null)
        {
            return Refuse($"File {name} was refused: {archiveProblem}");
        }
        return new UploadCheck(new AcceptedUpload(file, name, claimed, file.Length), null);

        static UploadCheck Refuse(string message) => new(null, message);
    }

    static bool Matches(DocumentKind claimed, SniffedFormat sniffed) => sniffed switch
    {
        SniffedFormat.Pdf => claimed == DocumentKind.Pdf,
        SniffedFormat.Docx => claimed == DocumentKind.Docx,
        SniffedFormat.Doc => claimed == DocumentKind.Doc,
        SniffedFormat.Utf8Text => claimed.IsText,
        _ => false,
    };

    /// <summary>"10MB" as the original wrote it; other limits in bytes.</summary>
    static string LimitText(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)}MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    static string DeclaredType(IFormFile file) =>
        string.IsNullOrWhiteSpace(file.ContentType) ? "unknown" : file.ContentType;
}
