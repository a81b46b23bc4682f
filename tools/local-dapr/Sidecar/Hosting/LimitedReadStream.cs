namespace Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

/// <summary>A read-only wrapper that throws <see cref="BodyTooLargeException"/> once more than the limit was read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private const string ForwardOnly = "A request body is read once, forward only.";

    private long _remaining = limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException(ForwardOnly);
    public override long Position { get => throw new NotSupportedException(ForwardOnly); set => throw new NotSupportedException(ForwardOnly); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    private int Count(int read)
    {
        _remaining -= read;
        return _remaining < 0 ? throw new BodyTooLargeException() : read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException(ForwardOnly);
    public override void SetLength(long value) => throw new NotSupportedException(ForwardOnly);
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException(ForwardOnly);
}
