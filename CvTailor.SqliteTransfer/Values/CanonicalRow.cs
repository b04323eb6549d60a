using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// One row's content in a canonical, type-tagged byte form, built the same way from a SQLite value and from the
/// PostgreSQL value it became: integers as int64, timestamps as UTC microseconds, UUIDs as 16 bytes, decimals as
/// fixed-point text at the column's scale, JSON via <see cref="CanonicalJson"/>, vectors as float32 bits, text as
/// UTF-8. Every variable-length part is length-prefixed, so distinct rows never share an encoding.
/// </summary>
public sealed class CanonicalRow
{
    byte[] _buffer = new byte[1024];
    int _length;

    public void Reset() => _length = 0;

    public int Length => _length;

    /// <summary>Room for an int32 filled in later (<see cref="PatchInt32"/>); returns its offset.</summary>
    public int ReserveInt32()
    {
        var at = _length;
        Reserve(4);
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at, 4), value);

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public void Truncate(int length) => _length = length;

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteNull() => WriteTag('0');

    public void WriteTag(char tag) => Reserve(1)[0] = (byte)tag;

    public void WriteInt64(long value)
    {
        WriteTag('i');
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
    }

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteBoolean(bool value)
    {
        WriteTag('b');
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
    }

    public void WriteText(string value)
    {
        WriteTag('s');
        WriteString(value);
    }

    /// <summary>Length-prefixed UTF-8, without a tag (building block for the typed writers).</summary>
    public void WriteString(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var lengthSpan = _length;
        Reserve(4);
        var written = Encoding.UTF8.GetBytes(value, Reserve(max));
        _length -= max - written;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthSpan, 4), written);
    }

    public void WriteUuid(Guid value)
    {
        WriteTag('u');
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
    }

    public void WriteTimestamp(long micros)
    {
        WriteTag('T');
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), micros);
    }

    public void WriteDate(DateOnly value)
    {
        WriteTag('D');
        WriteInt32(value.DayNumber);
    }

    public void WriteDecimal(decimal value, int scale)
    {
        WriteTag('N');
        WriteString(DjangoDecimal.Format(value, scale));
    }

    public void WriteDouble(double value)
    {
        WriteTag('d');
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), BitConverter.DoubleToInt64Bits(value));
    }

    public void WriteJson(string json)
    {
        WriteTag('j');
        CanonicalJson.Write(json, this);
    }

    public void WriteVector(ReadOnlySpan<float> values)
    {
        WriteTag('v');
        WriteInt32(values.Length);
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(Reserve(bytes.Length));
        }
        else
        {
            foreach (var value in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
            }
        }
    }

    public void WriteInet(IPAddress value)
    {
        WriteTag('I');
        WriteString(value.ToString());
    }

    /// <summary>SHA-256 of the row so far.</summary>
    public void Hash(Span<byte> destination) => SHA256.HashData(_buffer.AsSpan(0, _length), destination);

    Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
