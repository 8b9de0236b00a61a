namespace Gydex.CommerceML;

/// <summary>
/// The reader's view of the source bytes. It (1) refuses a run of bytes without markup longer than the limit,
/// before XmlReader would buffer a huge text node in memory; (2) lets the async API fill its buffer
/// asynchronously between records so the synchronous XML parsing rarely blocks on I/O; (3) counts bytes.
/// </summary>
internal sealed class GuardedInputStream : Stream
{
    private const int BufferSize = 128 * 1024;
    private readonly Stream inner;
    private readonly bool leaveOpen;
    private readonly long maxRun;
    private readonly byte[] buffer = new byte[BufferSize];
    private int start;
    private int end;
    private bool eof;
    private long runWithoutMarkup;
    private long position;

    public GuardedInputStream(Stream inner, long maxRun, bool leaveOpen)
    {
        this.inner = inner;
        this.maxRun = maxRun;
        this.leaveOpen = leaveOpen;
    }

    public long BytesRead => position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>Peeks at the first bytes (for the BOM) without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        while (end - start < count && !eof)
            FillSync();
        return buffer.AsSpan(start, Math.Min(count, end - start));
    }

    /// <summary>Makes sure a good part of the buffer is filled, reading asynchronously.</summary>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (eof || end - start >= BufferSize / 2)
            return;
        Compact();
        while (!eof && end < BufferSize)
        {
            var read = await inner.ReadAsync(buffer.AsMemory(end, BufferSize - end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                eof = true;
            end += read;
            if (end - start >= BufferSize / 2)
                break;
        }
    }

    public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (start == end)
        {
            if (eof)
                return 0;
            FillSync();
            if (start == end)
                return 0;
        }
        var n = Math.Min(destination.Length, end - start);
        var chunk = buffer.AsSpan(start, n);
        Guard(chunk);
        chunk.CopyTo(destination);
        start += n;
        position += n;
        return n;
    }

    private void Guard(ReadOnlySpan<byte> chunk)
    {
        var last = chunk.LastIndexOfAny((byte)'<', (byte)'>');
        runWithoutMarkup = last < 0 ? runWithoutMarkup + chunk.Length : chunk.Length - last - 1;
        if (runWithoutMarkup > maxRun)
            throw new TextTooLongException(maxRun);
    }

    private void FillSync()
    {
        Compact();
        var read = inner.Read(buffer, end, BufferSize - end);
        if (read == 0)
            eof = true;
        end += read;
    }

    private void Compact()
    {
        if (start == 0)
            return;
        var length = end - start;
        if (length > 0)
            Buffer.BlockCopy(buffer, start, buffer, 0, length);
        start = 0;
        end = length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
            inner.Dispose();
        base.Dispose(disposing);
    }
}

internal sealed class TextTooLongException(long limit)
    : IOException($"a text of more than {limit} bytes without markup")
{
    public long Limit { get; } = limit;
}
