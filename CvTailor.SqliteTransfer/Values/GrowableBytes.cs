using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// A byte buffer written front to back and grown by doubling, as PostgreSQL's binary forms are built: shared by the
/// COPY row encoder and the row images hashed for verification. A struct kept in a (non-readonly) field, so the
/// import's hot path calls it directly.
/// </summary>
internal struct GrowableBytes(int capacity)
{
    byte[] _buffer = new byte[capacity];
    int _length;

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Hands over the array holding the <see cref="Length"/> bytes written and starts an empty one.</summary>
    public byte[] Detach(int nextCapacity)
    {
        var buffer = _buffer;
        _buffer = new byte[nextCapacity];
        _length = 0;
        return buffer;
    }

    /// <summary>The next <paramref name="count"/> bytes, to be written by the caller.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>
    /// A big-endian int32 byte count, then <paramref name="value"/> in UTF-8, after a one-byte <paramref name="prefix"/>
    /// counted in the length when given (jsonb's version byte).
    /// </summary>
    public void WriteLengthPrefixedUtf8(string value, byte? prefix = null)
    {
        var offset = prefix is null ? 0 : 1;
        var max = Encoding.UTF8.GetMaxByteCount(value.Length) + offset;
        var lengthAt = _length;
        Reserve(4);
        var span = Reserve(max);
        if (prefix is { } first)
        {
            span[0] = first;
        }

        var written = offset + Encoding.UTF8.GetBytes(value, span[offset..]);
        _length -= max - written;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(lengthAt, 4), written);
    }

    /// <summary>
    /// An address in inet's binary form (inet_send / inet_recv): family (PGSQL_AF_INET 2, PGSQL_AF_INET6 3), mask
    /// bits, is_cidr, address length, then the address.
    /// </summary>
    public void WriteInet(IPAddress address)
    {
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var head = Reserve(4);
        head[0] = v4 ? (byte)2 : (byte)3;
        head[1] = v4 ? (byte)32 : (byte)128;
        head[2] = 0;
        head[3] = v4 ? (byte)4 : (byte)16;
        address.TryWriteBytes(Reserve(v4 ? 4 : 16), out _);
    }
}
