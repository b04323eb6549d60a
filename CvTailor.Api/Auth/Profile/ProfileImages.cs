using CvTailor.Api.Storage;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Auth.Profile;

/// <summary>Configuration section <c>Auth:ProfileImages</c>.</summary>
public sealed class ProfileImageOptions
{
    public const string Section = "Auth:ProfileImages";

    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>
/// Profile pictures: PNG, JPEG, GIF or WebP recognised by their leading bytes (the declared type and file name are
/// ignored), stored as <c>profiles/&lt;random&gt;.&lt;ext&gt;</c> under the storage root. The random name is the only
/// way to reach a picture (<c>/media/profiles/…</c> is public so <c>&lt;img&gt;</c> tags work, as in the original).
/// </summary>
public sealed class ProfileImages(FileStorage storage, IOptions<ProfileImageOptions> options)
{
    public const string Folder = "profiles";
    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
    public const string EmptyFile = "The submitted file is empty.";

    static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
    };

    static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public long MaxBytes => options.Value.MaxBytes;

    public static string TooLarge(long maxBytes) => $"The file is too large. The maximum size is {maxBytes / (1024 * 1024.0):0.#} MB.";

    /// <summary>Checks and stores an upload; returns the relative path, or the field error.</summary>
    public async Task<(string? Path, string? Error)> SaveAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return (null, EmptyFile);
        }
        if (file.Length > MaxBytes)
        {
            return (null, TooLarge(MaxBytes));
        }
        await using var content = file.OpenReadStream();
        var header = new byte[16];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (Sniff(header.AsSpan(0, read)) is not { } extension)
        {
            return (null, InvalidImage);
        }
        content.Position = 0;
        return (await storage.SaveAsync(Folder, extension, content, ct), null);
    }

    /// <summary>The file extension for an image signature, or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 16 && header[..8].SequenceEqual(s_pngSignature) && header[12..16].SequenceEqual("IHDR"u8))
        {
            return ".png";
        }
        if (header.Length >= 4 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ".jpg";
        }
        if (header.Length >= 6 && (header[..6].SequenceEqual("GIF87a"u8) || header[..6].SequenceEqual("GIF89a"u8)))
        {
            return ".gif";
        }
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return ".webp";
        }
        return null;
    }

    /// <summary>The content type to serve a stored picture with, by its (generated) extension; null for anything else.</summary>
    public static string? ContentTypeFor(string fileName) =>
        s_contentTypes.TryGetValue(Path.GetExtension(fileName), out var type) ? type : null;

    /// <summary>The URL clients use: absolute, as DRF rendered an ImageField with the request in context.</summary>
    public static string? Url(string? relativePath, HttpRequest request)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return null;
        }
        var escaped = string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/media/{escaped}";
    }
}
