using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>Writes OpenAI-style SSE frames (<c>data: {json}\n\n</c>, <c>data: [DONE]\n\n</c>) and flushes each.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneFrame = "data: [DONE]\n\n"u8.ToArray();

    public bool Started { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        Started = true;
        await response.StartAsync(cancellationToken);
    }

    public async Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        var body = response.BodyWriter;
        body.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(writer, chunk, RouterJsonContext.Default.ChatCompletionChunk);
        }
        body.Write(FrameEnd);
        await body.FlushAsync(cancellationToken);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        response.BodyWriter.Write(DoneFrame);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteRawAsync(byte[] frame, CancellationToken cancellationToken)
    {
        response.BodyWriter.Write(frame);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
