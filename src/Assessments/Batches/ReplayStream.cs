using System;
using System.IO;

namespace Assessments.Batches;

/// <summary>Yields the bytes read ahead, then the rest of the underlying stream.</summary>
internal sealed class ReplayStream(MemoryStream head, Stream rest) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = head.Read(buffer, offset, count);
        return read > 0 ? read : rest.Read(buffer, offset, count);
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
            head.Dispose();
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
