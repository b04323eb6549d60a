using System.IO.Compression;
using System.Text;

namespace CvTailor.Api.Storage;

/// <summary>
/// Recognises an upload's format from its bytes (magic numbers and structure), so a declared content type or a
/// renamed file cannot smuggle in something else.
/// </summary>
public static class ContentSniffer
{
    static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];
    static ReadOnlySpan<byte> Ole2Magic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    const string WordMainPart = "word/document.xml";

    /// <summary>Reads <paramref name="content"/> (which must be seekable) and leaves it at position 0.</summary>
    public static async Task<SniffedFormat> SniffAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content stream must be seekable.", nameof(content));
        }

        try
        {
            content.Position = 0;
            var header = new byte[8];
            var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
            var head = header.AsSpan(0, read);
            content.Position = 0;

            if (head.StartsWith(PdfMagic))
            {
                return SniffedFormat.Pdf;
            }
            if (head.StartsWith(Ole2Magic))
            {
                return SniffedFormat.Doc;
            }
            if (head.StartsWith(ZipMagic))
            {
                return HasWordMainPart(content) ? SniffedFormat.Docx : SniffedFormat.Unknown;
            }
            return await IsUtf8TextAsync(content, ct) ? SniffedFormat.Utf8Text : SniffedFormat.Unknown;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Reads only the ZIP's central directory (entry names); nothing is decompressed.</summary>
    static bool HasWordMainPart(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Any(e => string.Equals(e.FullName, WordMainPart, StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    static async Task<bool> IsUtf8TextAsync(Stream content, CancellationToken ct)
    {
        // A throwing decoder across buffer boundaries: a multi-byte sequence split between reads is still checked.
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length + 1];
        var any = false;
        int read;
        try
        {
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                any = true;
                if (buffer.AsSpan(0, read).Contains((byte)0))
                {
                    return false;
                }
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return any;
    }
}
