using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dapr.AiProvider.ProviderSimulator.Core;

/// <summary>Writes server-sent events (optionally named), flushing after each so clients see every token as it is made.</summary>
internal sealed class SseWriter
{
    private readonly HttpResponse _response;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Sends the status line and headers now (so a stalled stream still has them).</summary>
    public static async Task StartAsync(HttpResponse response, string contentType, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary><c>event: {name}\ndata: {json}\n\n</c> (no event line when <paramref name="eventName"/> is null).</summary>
    public Task EventAsync(string? eventName, Action<Utf8JsonWriter> data, CancellationToken ct)
    {
        _buffer.ResetWrittenCount();
        if (eventName is not null)
        {
            Append("event: ");
            Append(eventName);
            Append("\n");
        }
        Append("data: ");
        _json.Reset(_buffer);
        data(_json);
        _json.Flush();
        Append("\n\n");
        return SendAsync(ct);
    }

    /// <summary>A raw frame such as <c>data: [DONE]\n\n</c>, or a JSON array fragment.</summary>
    public Task RawAsync(string text, CancellationToken ct)
    {
        _buffer.ResetWrittenCount();
        Append(text);
        return SendAsync(ct);
    }

    /// <summary>A bare JSON value with a prefix and suffix (used for Gemini's JSON-array stream).</summary>
    public Task JsonAsync(string prefix, Action<Utf8JsonWriter> data, string suffix, CancellationToken ct)
    {
        _buffer.ResetWrittenCount();
        Append(prefix);
        _json.Reset(_buffer);
        data(_json);
        _json.Flush();
        Append(suffix);
        return SendAsync(ct);
    }

    private void Append(string text)
    {
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await _response.Body.WriteAsync(_buffer.WrittenMemory, ct);
        await _response.Body.FlushAsync(ct);
    }
}
