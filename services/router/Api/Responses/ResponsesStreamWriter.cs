using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Streaming;

namespace Dapr.AiProvider.Router.Api.Responses;

/// <summary>
/// The Responses API's streamed events from the gateway's chunks: <c>response.created</c>, <c>response.in_progress</c>;
/// per text item <c>response.output_item.added</c>, <c>response.content_part.added</c>, <c>response.output_text.delta</c>…,
/// <c>response.output_text.done</c>, <c>response.content_part.done</c>, <c>response.output_item.done</c>; per function call
/// <c>response.output_item.added</c>, <c>response.function_call_arguments.delta</c>…, <c>.done</c>,
/// <c>response.output_item.done</c>; then <c>response.completed</c> (or <c>response.incomplete</c>) with usage. Every event
/// carries <c>sequence_number</c>. A failure after the start is an <c>error</c> event, which the SDKs raise.
/// </summary>
internal sealed class ResponsesStreamWriter(HttpResponse response, ResponsesRequest request) : IStreamWriter
{
    private readonly Dictionary<int, OutputFunctionCall> _calls = [];
    private ResponseState? _state;
    private OutputItem? _open;
    private string? _finishReason;
    private int _sequence;

    public Task StartAsync(CancellationToken cancellationToken) => SseWriter.StartEventStreamAsync(response, cancellationToken);

    public async Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        var state = EnsureCreated(chunk.Id, chunk.Created, chunk.Model);
        foreach (var choice in chunk.Choices)
        {
            if (choice.Index != 0)
            {
                continue; // a translated Responses request never asks for more than one choice
            }
            if (!string.IsNullOrEmpty(choice.Delta.Content))
            {
                if (_open is not OutputMessage)
                {
                    Open(new OutputMessage("msg_" + ResponseState.Strip(chunk.Id, "chatcmpl-") + "_" + state.Output.Count));
                }
                var message = (OutputMessage)_open!;
                message.Text.Append(choice.Delta.Content);
                var delta = choice.Delta.Content;
                Event("response.output_text.delta", w =>
                {
                    TextPosition(w, message);
                    w.WriteString("delta", delta);
                    w.WriteStartArray("logprobs");
                    w.WriteEndArray();
                });
            }
            if (choice.Delta.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    WriteToolCallDelta(call);
                }
            }
            _finishReason = choice.FinishReason ?? _finishReason;
        }
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteEndAsync(OpenAiUsage? usage, CancellationToken cancellationToken)
    {
        var state = EnsureCreated(null, 0, "");
        Close();
        state.Usage = usage;
        state.Finish(_finishReason);
        Event(state.Status == "incomplete" ? "response.incomplete" : "response.completed", w =>
        {
            w.WritePropertyName("response");
            state.Write(w);
        });
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        Event("error", w =>
        {
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteNull("param");
        });
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private void WriteToolCallDelta(JsonElement call)
    {
        var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
        var function = call.TryGetProperty("function", out var f) ? f : default;
        if (!_calls.TryGetValue(index, out var item))
        {
            item = new OutputFunctionCall(call.Str("id") ?? "", function.Str("name") ?? "");
            _calls[index] = item;
            Open(item);
        }
        if (function.Str("arguments") is { Length: > 0 } fragment)
        {
            item.Arguments.Append(fragment);
            Event("response.function_call_arguments.delta", w =>
            {
                w.WriteString("item_id", item.Id);
                w.WriteNumber("output_index", _state!.Output.IndexOf(item));
                w.WriteString("delta", fragment);
            });
        }
    }

    private ResponseState EnsureCreated(string? id, long created, string model)
    {
        if (_state is not null)
        {
            return _state;
        }
        _state = new ResponseState(request, id ?? "", created, model);
        var state = _state;
        Event("response.created", w =>
        {
            w.WritePropertyName("response");
            state.Write(w);
        });
        Event("response.in_progress", w =>
        {
            w.WritePropertyName("response");
            state.Write(w);
        });
        return state;
    }

    private void Open(OutputItem item)
    {
        Close();
        _state!.Output.Add(item);
        _open = item;
        Event("response.output_item.added", w =>
        {
            w.WriteNumber("output_index", _state.Output.Count - 1);
            w.WritePropertyName("item");
            item.Write(w);
        });
        if (item is OutputMessage message)
        {
            Event("response.content_part.added", w =>
            {
                TextPosition(w, message);
                w.WritePropertyName("part");
                OutputMessage.WritePart(w, "");
            });
        }
    }

    private void Close()
    {
        if (_open is not { } item)
        {
            return;
        }
        _open = null;
        item.Completed = true;
        switch (item)
        {
            case OutputMessage message:
                var text = message.Text.ToString();
                Event("response.output_text.done", w =>
                {
                    TextPosition(w, message);
                    w.WriteString("text", text);
                    w.WriteStartArray("logprobs");
                    w.WriteEndArray();
                });
                Event("response.content_part.done", w =>
                {
                    TextPosition(w, message);
                    w.WritePropertyName("part");
                    OutputMessage.WritePart(w, text);
                });
                break;
            case OutputFunctionCall call:
                Event("response.function_call_arguments.done", w =>
                {
                    w.WriteString("item_id", call.Id);
                    w.WriteNumber("output_index", _state!.Output.IndexOf(call));
                    w.WriteString("name", call.Name);
                    w.WriteString("arguments", call.Arguments.Length == 0 ? "{}" : call.Arguments.ToString());
                });
                break;
        }
        Event("response.output_item.done", w =>
        {
            w.WriteNumber("output_index", _state!.Output.IndexOf(item));
            w.WritePropertyName("item");
            item.Write(w);
        });
    }

    private void TextPosition(Utf8JsonWriter w, OutputMessage message)
    {
        w.WriteString("item_id", message.Id);
        w.WriteNumber("output_index", _state!.Output.IndexOf(message));
        w.WriteNumber("content_index", 0);
    }

    /// <summary><c>event: {type}\ndata: {"type":"{type}",…,"sequence_number":n}\n\n</c></summary>
    private void Event(string type, Action<Utf8JsonWriter> fields)
    {
        var body = response.BodyWriter;
        body.Write("event: "u8);
        body.Write(System.Text.Encoding.UTF8.GetBytes(type));
        body.Write("\ndata: "u8);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            fields(writer);
            writer.WriteNumber("sequence_number", _sequence++);
            writer.WriteEndObject();
        }
        body.Write("\n\n"u8);
    }
}
