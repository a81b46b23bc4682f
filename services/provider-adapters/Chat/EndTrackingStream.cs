namespace Dapr.AiProvider.ProviderAdapters.Chat;

/// <summary>
/// A read-only pass-through that remembers whether the body reached its end, so an unparsable 200 body
/// can be told apart: cut short (the parser hit the end) versus malformed (it failed before the end).
/// </summary>
internal sealed class EndTrackingStream(Stream inner) : Stream
{
    private const string ForwardOnly = "A provider response body is read once, forward only.";

    public bool EndReached { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException(ForwardOnly);
    public override long Position { get => throw new NotSupportedException(ForwardOnly); set => throw new NotSupportedException(ForwardOnly); }

    public override int Read(byte[] buffer, int offset, int count) => Track(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Track(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException(ForwardOnly);
    public override void SetLength(long value) => throw new NotSupportedException(ForwardOnly);
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException(ForwardOnly);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Track(int read)
    {
        EndReached |= read == 0;
        return read;
    }
}
