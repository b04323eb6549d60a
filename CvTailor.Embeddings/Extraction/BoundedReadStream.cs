namespace CvTailor.Embeddings.Extraction;

/// <summary>
/// A read-only wrapper that counts the bytes actually produced (for a ZIP entry: inflated) and throws
/// <see cref="ExtractionLimitException"/> past <paramref name="maxBytes"/>, whatever the archive declared.
/// </summary>
public sealed class BoundedReadStream(Stream inner, long maxBytes, string what) : Stream
{
    long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _read += read;
        if (_read > maxBytes)
        {
            throw new ExtractionLimitException($"{what} inflates past {maxBytes} bytes (limit).");
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
