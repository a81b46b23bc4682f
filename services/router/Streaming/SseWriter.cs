using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Streaming;

/// <summary>
/// Writes OpenAI chat-completion SSE frames (<c>data: {json}\n\n</c>, <c>data: [DONE]\n\n</c>) and flushes each.
/// With <c>stream_options.include_usage</c> the end is preceded by the usage chunk (empty choices).
/// </summary>
internal sealed class SseWriter(HttpResponse response, bool includeUsage) : IStreamWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneFrame = "data: [DONE]\n\n"u8.ToArray();

    private ChatCompletionChunk? _last;

    public static Task StartEventStreamAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        return response.StartAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => StartEventStreamAsync(response, cancellationToken);

    public async Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        _last = chunk;
        var body = response.BodyWriter;
        body.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(writer, chunk, RouterJsonContext.Default.ChatCompletionChunk);
        }
        body.Write(FrameEnd);
        await body.FlushAsync(cancellationToken);
    }

    public async Task WriteEndAsync(OpenAiUsage? usage, CancellationToken cancellationToken)
    {
        if (includeUsage && usage is not null)
        {
            await WriteChunkAsync(new ChatCompletionChunk
            {
                Id = _last?.Id ?? "", Created = _last?.Created ?? 0, Model = _last?.Model ?? "", Usage = usage,
            }, cancellationToken);
        }
        response.BodyWriter.Write(DoneFrame);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        response.BodyWriter.Write(ErrorWriter.StreamErrorFrame(error));
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
