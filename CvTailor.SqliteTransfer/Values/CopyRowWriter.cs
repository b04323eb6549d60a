using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CvTailor.SqliteTransfer.Schema;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Encodes rows of values produced by <see cref="SourceValueReader"/> in PostgreSQL's binary COPY format, each field in
/// its column type's receive form (<c>int2/int4/int8</c>, <c>bool</c>, UTF-8 text, <c>uuid</c>, <c>timestamptz</c> and
/// <c>date</c> as microseconds and days from 2000-01-01, <c>numeric</c> in base 10000, <c>float8</c>, <c>jsonb</c> version
/// 1 + text, pgvector's <c>vector</c>, <c>inet</c>). The import writes the bytes through a raw COPY stream: the driver's
/// per-value machinery (a type lookup and a boxed write per field) cost more than the encoding itself, and encoding on the
/// reader threads takes the work off the connection's path.
/// </summary>
public sealed class CopyRowWriter
{
    /// <summary>The binary COPY header: signature, flags (no OIDs), header extension length.</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The file trailer: a field count of -1.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xff, 0xff];

    GrowableBytes _bytes;

    public CopyRowWriter(int capacity = 64 * 1024) => _bytes = new(capacity);

    /// <summary>Bytes written since the last <see cref="Take"/>.</summary>
    public int Length => _bytes.Length;

    /// <summary>Rows started since the last <see cref="Take"/>.</summary>
    public int Rows { get; private set; }

    /// <summary>Hands over the bytes written so far (a new buffer is started for what follows).</summary>
    public CopyChunk Take(int nextCapacity)
    {
        var length = _bytes.Length;
        var chunk = new CopyChunk(_bytes.Detach(Math.Max(nextCapacity, 1024)), length, Rows);
        Rows = 0;
        return chunk;
    }

    public void StartRow(int fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(_bytes.Reserve(2), checked((short)fields));
        Rows++;
    }

    /// <summary>One field: <paramref name="value"/> as produced by <see cref="SourceValueReader"/> for <paramref name="column"/>.</summary>
    public void Write(TargetColumn column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(_bytes.Reserve(4), -1);
            return;
        }

        switch (column.Kind)
        {
            case ValueKind.SmallInteger:
                Field(2);
                BinaryPrimitives.WriteInt16BigEndian(_bytes.Reserve(2), checked((short)(long)value));
                break;
            case ValueKind.RegularInteger:
                Field(4);
                BinaryPrimitives.WriteInt32BigEndian(_bytes.Reserve(4), checked((int)(long)value));
                break;
            case ValueKind.BigInteger:
                Field(8);
                BinaryPrimitives.WriteInt64BigEndian(_bytes.Reserve(8), (long)value);
                break;
            case ValueKind.Boolean:
                Field(1);
                _bytes.Reserve(1)[0] = (bool)value ? (byte)1 : (byte)0;
                break;
            case ValueKind.Text:
                Text((string)value, jsonbVersion: false);
                break;
            case ValueKind.Uuid:
                Field(16);
                ((Guid)value).TryWriteBytes(_bytes.Reserve(16), bigEndian: true, out _);
                break;
            // timestamptz and date as their counts from 2000-01-01, so that no date turns into ±infinity (PostgresEpoch).
            case ValueKind.TimestampTz:
                Field(8);
                BinaryPrimitives.WriteInt64BigEndian(_bytes.Reserve(8), PostgresEpoch.Micros((DateTime)value));
                break;
            case ValueKind.Date:
                Field(4);
                BinaryPrimitives.WriteInt32BigEndian(_bytes.Reserve(4), PostgresEpoch.Days((DateOnly)value));
                break;
            case ValueKind.Numeric:
                Numeric((decimal)value);
                break;
            case ValueKind.Float8:
                Field(8);
                BinaryPrimitives.WriteDoubleBigEndian(_bytes.Reserve(8), (double)value);
                break;
            case ValueKind.Json:
                // jsonb_recv takes a version byte (1) before the text; json_recv the text alone.
                Text((string)value, jsonbVersion: column.TypeName != "json");
                break;
            case ValueKind.Vector:
                Vector((float[])value);
                break;
            case ValueKind.Inet:
                Inet((IPAddress)value);
                break;
            default:
                throw new NotSupportedException(column.Kind.ToString());
        }
    }

    void Field(int length) => BinaryPrimitives.WriteInt32BigEndian(_bytes.Reserve(4), length);

    void Text(string value, bool jsonbVersion) => _bytes.WriteLengthPrefixedUtf8(value, jsonbVersion ? (byte)1 : null);

    /// <summary>vector_recv: dimensions (int16), unused (int16), then each element as a big-endian float32.</summary>
    void Vector(float[] vector)
    {
        Field(4 + (4 * vector.Length));
        var bytes = _bytes.Reserve(4 + (4 * vector.Length));
        BinaryPrimitives.WriteInt16BigEndian(bytes, checked((short)vector.Length));
        BinaryPrimitives.WriteInt16BigEndian(bytes[2..], 0);
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes[(4 + (4 * i))..], vector[i]);
        }
    }

    /// <summary>inet_recv's form after the field length (see <see cref="GrowableBytes.WriteInet"/>).</summary>
    void Inet(IPAddress address)
    {
        Field(address.AddressFamily == AddressFamily.InterNetwork ? 8 : 20);
        _bytes.WriteInet(address);
    }

    /// <summary>
    /// numeric_recv: digit count, weight (of the first base-10000 digit), sign, display scale, then the digits. The
    /// display scale is the decimal's own scale (the column's, after quantizing), as the driver sent it.
    /// </summary>
    void Numeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xff;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        // Align the decimal point to a base-10000 digit boundary: scale + pad fractional decimal digits, pad < 4.
        var pad = (4 - (scale % 4)) % 4;
        for (var i = 0; i < pad; i++)
        {
            mantissa *= 10;
        }

        Span<short> digits = stackalloc short[16];
        var count = 0;
        for (; mantissa != 0; count++)
        {
            digits[count] = (short)(ushort)(mantissa % 10_000);
            mantissa /= 10_000;
        }

        // digits[] is least significant first: drop trailing zero digits (the weight comes from the most significant).
        var fractionDigits = (scale + pad) / 4;
        var weight = count - 1 - fractionDigits;
        var low = 0;
        while (low < count && digits[low] == 0)
        {
            low++;
        }

        var used = count - low;
        Field(8 + (2 * used));
        var head = _bytes.Reserve(8 + (2 * used));
        BinaryPrimitives.WriteInt16BigEndian(head, (short)used);
        BinaryPrimitives.WriteInt16BigEndian(head[2..], (short)(used == 0 ? 0 : weight));
        BinaryPrimitives.WriteUInt16BigEndian(head[4..], negative && used > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(head[6..], (short)scale);
        for (var i = 0; i < used; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(head[(8 + (2 * i))..], digits[count - 1 - i]);
        }
    }
}

/// <summary>Encoded COPY rows: <see cref="Length"/> bytes of <see cref="Buffer"/>, holding <see cref="Rows"/> rows.</summary>
public readonly record struct CopyChunk(byte[] Buffer, int Length, int Rows);
