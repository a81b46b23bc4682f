using System.Buffers;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Invocation;

/// <summary>
/// The request body to forward. A body with a Content-Length is read once into a pooled buffer so retries can
/// resend it; a chunked body is streamed through and can be sent only once (never retried, like daprd).
/// </summary>
internal sealed class OutboundBody : IDisposable
{
    private readonly byte[]? _buffer;
    private readonly int _length;
    private readonly Stream? _stream;
    private bool _streamUsed;

    private OutboundBody(byte[]? buffer, int length, Stream? stream)
    {
        _buffer = buffer;
        _length = length;
        _stream = stream;
    }

    public bool Replayable => _stream is null;

    /// <remarks>
    /// A <see cref="ValueTask{TResult}"/>: the body has usually arrived with the headers, so the read completes at once and
    /// no task is allocated for it (a <c>Task&lt;OutboundBody&gt;</c> per invocation before).
    /// </remarks>
    public static ValueTask<OutboundBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is { } length)
        {
            return length == 0 ? new(new OutboundBody(null, 0, null)) : ReadBufferedAsync(request, (int)length, ct);
        }
        var hasBody = request.Headers.TransferEncoding.Count > 0;
        return new(new OutboundBody(null, 0, hasBody ? request.Body : null));
    }

    private static async ValueTask<OutboundBody> ReadBufferedAsync(HttpRequest request, int length, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        await request.Body.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
        return new OutboundBody(buffer, length, null);
    }

    /// <summary>Content for one attempt; null when there is no body.</summary>
    public HttpContent? CreateContent()
    {
        if (_stream is not null)
        {
            if (_streamUsed)
            {
                throw new InvalidOperationException("a streamed request body cannot be sent twice");
            }
            _streamUsed = true;
            return new StreamContent(_stream);
        }
        return _buffer is null ? null : new ByteArrayContent(_buffer, 0, _length);
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
