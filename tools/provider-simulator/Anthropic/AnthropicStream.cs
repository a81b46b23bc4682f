using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary>
/// Named Messages API events: message_start, content_block_start, ping, content_block_delta…,
/// content_block_stop, message_delta (final, cumulative usage), message_stop; <c>event: error</c> in-band.
/// </summary>
internal sealed class AnthropicStream(HttpResponse response, string model, SimAnswer answer) : IChatStream
{
    private readonly SseWriter _sse = new(response);
    private readonly string _id = AnthropicWire.NewMessageId();

    public string ContentType => "text/event-stream; charset=utf-8";

    public async Task PreludeAsync(CancellationToken ct)
    {
        await _sse.EventAsync("message_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_start");
            w.WriteStartObject("message");
            w.WriteString("id", _id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            AnthropicWire.WriteUsage(w, answer, 1);
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
        await _sse.EventAsync("content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", 0);
            w.WriteStartObject("content_block");
            if (answer.ToolCall is { } call)
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", AnthropicWire.ToolUseId(call.Id));
                w.WriteString("name", call.Name);
                w.WriteStartObject("input");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("type", "text");
                w.WriteString("text", "");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
        await _sse.EventAsync("ping", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "ping");
            w.WriteEndObject();
        }, ct);
    }

    public Task PieceAsync(int index, string piece, CancellationToken ct) => _sse.EventAsync("content_block_delta", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_delta");
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (answer.ToolCall is not null)
        {
            w.WriteString("type", "input_json_delta");
            w.WriteString("partial_json", piece);
        }
        else
        {
            w.WriteString("type", "text_delta");
            w.WriteString("text", piece);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }, ct);

    public async Task FinishAsync(CancellationToken ct)
    {
        await _sse.EventAsync("content_block_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", 0);
            w.WriteEndObject();
        }, ct);
        await _sse.EventAsync("message_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", AnthropicWire.StopReason(answer.Finish));
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            AnthropicWire.WriteUsage(w, answer, answer.OutputTokensWithReasoning);
            w.WriteEndObject();
        }, ct);
        await _sse.EventAsync("message_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_stop");
            w.WriteEndObject();
        }, ct);
    }

    public Task InBandErrorAsync(FaultContext context, CancellationToken ct) => _sse.EventAsync("error", w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", "overloaded_error");
        w.WriteString("message", "Overloaded");
        w.WriteEndObject();
        w.WriteEndObject();
    }, ct);
}
