using System.Buffers.Binary;
using System.Text;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>Primary-key values as bytes whose order is the key order PostgreSQL uses (for the checksum's row order).</summary>
public static class SortKey
{
    public static byte[] From(object? value) => value switch
    {
        long l => Int64(l),
        int i => Int64(i),
        short s => Int64(s),
        Guid g => Uuid(g),
        string s => Encoding.UTF8.GetBytes(s),
        null => [],
        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    static byte[] Int64(long value)
    {
        var bytes = new byte[8];
        // Flip the sign bit so that unsigned byte order is signed numeric order.
        BinaryPrimitives.WriteUInt64BigEndian(bytes, unchecked((ulong)value ^ 0x8000_0000_0000_0000UL));
        return bytes;
    }

    static byte[] Uuid(Guid value)
    {
        var bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }
}
