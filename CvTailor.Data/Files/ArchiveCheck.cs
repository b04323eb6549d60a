using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace CvTailor.Data.Files;

/// <summary>
/// Checks a ZIP's central directory against <see cref="ArchiveLimits"/> without inflating anything. The entry count
/// is read from the end-of-central-directory record first, so a ZIP of a million tiny entries is refused before
/// <see cref="ZipArchive"/> builds an object per entry.
/// </summary>
public static class ArchiveCheck
{
    const uint EndOfCentralDirectorySignature = 0x06054B50;
    const int EndOfCentralDirectorySize = 22;

    /// <summary>Why the archive is refused (a sentence for the owner), or null when it is within the limits.</summary>
    /// <param name="content">A seekable stream positioned anywhere; left open, its position is not restored.</param>
    public static string? Problem(Stream content, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var declared = DeclaredEntryCount(content);
        if (declared is null)
        {
            return "it is not a readable ZIP container.";
        }
        if (declared > limits.MaxEntries)
        {
            return Invariant($"it holds {declared} entries (limit {limits.MaxEntries}).");
        }

        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return Invariant($"it holds {zip.Entries.Count} entries (limit {limits.MaxEntries}).");
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > limits.MaxEntryBytes)
                {
                    return Invariant($"{entry.FullName} inflates to {entry.Length} bytes (limit {limits.MaxEntryBytes} per entry).");
                }
                total += entry.Length;
                if (total > limits.MaxTotalBytes)
                {
                    return Invariant($"its entries inflate to more than {limits.MaxTotalBytes} bytes in total.");
                }
                if (entry.Length > limits.RatioFloorBytes && entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                {
                    return Invariant(
                        $"{entry.FullName} is compressed {entry.Length / Math.Max(1, entry.CompressedLength)}:1 (limit {limits.MaxCompressionRatio}:1), the mark of a decompression bomb.");
                }
            }
        }
        catch (InvalidDataException)
        {
            return "it is not a readable ZIP container.";
        }
        return null;
    }

    /// <summary>The entry count of the end-of-central-directory record (searched for past any archive comment).</summary>
    static long? DeclaredEntryCount(Stream content)
    {
        var length = content.Length;
        if (length < EndOfCentralDirectorySize)
        {
            return null;
        }
        var tailLength = (int)Math.Min(length, EndOfCentralDirectorySize + ushort.MaxValue);
        var tail = new byte[tailLength];
        content.Position = length - tailLength;
        content.ReadExactly(tail);
        for (var i = tailLength - EndOfCentralDirectorySize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                // 0xFFFF means ZIP64: a DOCX never needs it; count it as too many.
                var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
                return entries;
            }
        }
        return null;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
