using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Chat;
using Microsoft.AspNetCore.Http.Features;

namespace Dapr.AiProvider.ProviderAdapters.Api;

/// <summary>
/// <c>POST adapters/chat/stream</c>: opens the provider stream first — a failure there is a 424 with the
/// AdapterError — then relays <c>event: chunk|usage|error|done</c> frames, flushing each one.
/// </summary>
internal static class StreamEndpoint
{
    private static readonly byte[] DoneFrame = "event: done\ndata: {}\n\n"u8.ToArray();

    public static async Task HandleAsync(AdapterChatRequest request, StreamingChat chat, HttpContext context, CancellationToken cancellationToken)
    {
        if (RequestValidation.Problem(request) is { } problem)
        {
            await TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid adapter request").ExecuteAsync(context);
            return;
        }
        var open = await chat.OpenAsync(request, cancellationToken);
        if (open.Error is not null)
        {
            await AdapterApi.Failed(context, open.Error).ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken);
        await foreach (var item in chat.ReadAsync(request, open, cancellationToken))
        {
            if (item.Chunk is not null)
            {
                await WriteAsync(response, AdapterStreamEvents.Chunk, item.Chunk, ContractsJsonContext.Default.ChatCompletionChunk, cancellationToken);
            }
            else if (item.Usage is not null)
            {
                await WriteAsync(response, AdapterStreamEvents.Usage, item.Usage, ContractsJsonContext.Default.AdapterUsageReport, cancellationToken);
                await response.BodyWriter.WriteAsync(DoneFrame, cancellationToken);
            }
            else if (item.Error is not null)
            {
                await WriteAsync(response, AdapterStreamEvents.Error, item.Error, ContractsJsonContext.Default.AdapterError, cancellationToken);
            }
        }
    }

    private static async Task WriteAsync<T>(HttpResponse response, string eventName, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        WriteAscii(writer, "event: ");
        WriteAscii(writer, eventName);
        WriteAscii(writer, "\ndata: ");
        using (var json = new Utf8JsonWriter(writer))
        {
            JsonSerializer.Serialize(json, value, typeInfo);
        }
        WriteAscii(writer, "\n\n");
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteAscii(System.IO.Pipelines.PipeWriter writer, string text)
    {
        var span = writer.GetSpan(text.Length);
        var written = System.Text.Encoding.ASCII.GetBytes(text, span);
        writer.Advance(written);
    }
}
