using System.Buffers;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Errors;
using Dapr.AiProvider.Router.Streaming;

namespace Dapr.AiProvider.Router.Api.Anthropic;

/// <summary>
/// Anthropic's streamed answer from the gateway's chunks, in Anthropic's event order: <c>message_start</c>, <c>ping</c>,
/// per block <c>content_block_start</c> → <c>content_block_delta</c> (<c>text_delta</c> / <c>input_json_delta</c>, and an
/// Anthropic upstream's <c>thinking_delta</c> / <c>signature_delta</c>) →
/// <c>content_block_stop</c>, then <c>message_delta</c> (stop reason, usage) and <c>message_stop</c>; a failure after
/// the start is an <c>error</c> event. The whole usage is known only at the end, so <c>message_start</c> carries zeros
/// and <c>message_delta</c> the real input and output tokens (as Anthropic's newer API versions send them).
/// </summary>
internal sealed class AnthropicStreamWriter(HttpResponse response) : IStreamWriter
{
    private readonly Dictionary<int, int> _toolBlocks = [];
    private bool _messageStarted;
    private int _blocks;
    private int _open = -1;
    private bool _openIsText;
    /// <summary>The open block is a thinking block that has not yet had its signature (the next piece continues it).</summary>
    private bool _openThinking;
    private string? _stopReason;

    public Task StartAsync(CancellationToken cancellationToken) => SseWriter.StartEventStreamAsync(response, cancellationToken);

    public async Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        EnsureMessageStart(chunk.Id, chunk.Model);
        foreach (var choice in chunk.Choices)
        {
            if (choice.Index != 0)
            {
                continue; // a translated Anthropic request never asks for more than one choice
            }
            if (choice.Delta.ThinkingBlocks is { ValueKind: JsonValueKind.Array } pieces)
            {
                foreach (var piece in pieces.EnumerateArray())
                {
                    WriteThinkingPiece(piece);
                }
            }
            if (!string.IsNullOrEmpty(choice.Delta.Content))
            {
                if (_open < 0 || !_openIsText)
                {
                    OpenBlock(isText: true, w =>
                    {
                        w.WriteString("type", "text");
                        w.WriteString("text", "");
                    });
                }
                var text = choice.Delta.Content;
                Event("content_block_delta", w =>
                {
                    w.WriteNumber("index", _open);
                    Delta(w, "text_delta", "text", text);
                });
            }
            if (choice.Delta.ToolCalls is { ValueKind: JsonValueKind.Array } calls)
            {
                foreach (var call in calls.EnumerateArray())
                {
                    WriteToolCallDelta(call);
                }
            }
            if (choice.FinishReason is { } finish)
            {
                _stopReason = ChatToAnthropic.StopReason(finish);
            }
        }
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteEndAsync(OpenAiUsage? usage, CancellationToken cancellationToken)
    {
        EnsureMessageStart(null, "");
        CloseBlock();
        var tokens = ChatToAnthropic.Usage(usage);
        Event("message_delta", w =>
        {
            w.WritePropertyName("delta");
            w.WriteStartObject();
            w.WriteString("stop_reason", _stopReason ?? "end_turn");
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("input_tokens", tokens.InputTokens);
            w.WriteNumber("cache_creation_input_tokens", tokens.CacheCreationInputTokens);
            w.WriteNumber("cache_read_input_tokens", tokens.CacheReadInputTokens);
            w.WriteNumber("output_tokens", tokens.OutputTokens);
            w.WriteEndObject();
        });
        Event("message_stop", _ => { });
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteErrorAsync(GatewayError error, CancellationToken cancellationToken)
    {
        var (_, type) = AnthropicErrors.StatusAndType(error);
        Event("error", w =>
        {
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("message", error.Message);
            w.WriteEndObject();
        });
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A piece of an Anthropic upstream's thinking, as Anthropic streams it: a thinking block opens with empty
    /// <c>thinking</c>, takes <c>thinking_delta</c>s and ends with one <c>signature_delta</c>; a redacted block is whole.
    /// </summary>
    private void WriteThinkingPiece(JsonElement piece)
    {
        if (piece.Str("type") == "redacted_thinking")
        {
            var data = piece.Str("data") ?? "";
            OpenBlock(isText: false, w =>
            {
                w.WriteString("type", "redacted_thinking");
                w.WriteString("data", data);
            });
            CloseBlock();
            return;
        }
        if (!_openThinking)
        {
            OpenBlock(isText: false, w =>
            {
                w.WriteString("type", "thinking");
                w.WriteString("thinking", "");
                w.WriteString("signature", "");
            });
            _openThinking = true;
        }
        var index = _open;
        if (piece.Str("thinking") is { Length: > 0 } thinking)
        {
            Event("content_block_delta", w =>
            {
                w.WriteNumber("index", index);
                Delta(w, "thinking_delta", "thinking", thinking);
            });
        }
        if (piece.Str("signature") is { } signature)
        {
            Event("content_block_delta", w =>
            {
                w.WriteNumber("index", index);
                Delta(w, "signature_delta", "signature", signature);
            });
            _openThinking = false; // the signature ends the block: the next piece opens a new one
        }
    }

    /// <summary>An OpenAI tool-call delta: the first one for an index opens a tool_use block; argument fragments are input_json_delta.</summary>
    private void WriteToolCallDelta(JsonElement call)
    {
        var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : 0;
        var function = call.TryGetProperty("function", out var f) ? f : default;
        if (!_toolBlocks.TryGetValue(index, out var block))
        {
            var id = call.Str("id") ?? "";
            var name = function.Str("name") ?? "";
            OpenBlock(isText: false, w =>
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WritePropertyName("input");
                w.WriteStartObject();
                w.WriteEndObject();
            });
            block = _open;
            _toolBlocks[index] = block;
        }
        if (function.Str("arguments") is { Length: > 0 } fragment)
        {
            // A fragment for an earlier call (parallel calls interleaved) still goes to its own block index.
            Event("content_block_delta", w =>
            {
                w.WriteNumber("index", block);
                Delta(w, "input_json_delta", "partial_json", fragment);
            });
        }
    }

    private void EnsureMessageStart(string? id, string model)
    {
        if (_messageStarted)
        {
            return;
        }
        _messageStarted = true;
        Event("message_start", w =>
        {
            w.WritePropertyName("message");
            w.WriteStartObject();
            w.WriteString("id", ChatToAnthropic.MessageId(id));
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("input_tokens", 0);
            w.WriteNumber("output_tokens", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        Event("ping", _ => { });
    }

    private void OpenBlock(bool isText, Action<Utf8JsonWriter> contentBlock)
    {
        CloseBlock();
        _open = _blocks++;
        _openIsText = isText;
        Event("content_block_start", w =>
        {
            w.WriteNumber("index", _open);
            w.WritePropertyName("content_block");
            w.WriteStartObject();
            contentBlock(w);
            w.WriteEndObject();
        });
    }

    private void CloseBlock()
    {
        if (_open < 0)
        {
            return;
        }
        var index = _open;
        Event("content_block_stop", w => w.WriteNumber("index", index));
        _open = -1;
        _openThinking = false;
    }

    private static void Delta(Utf8JsonWriter w, string type, string field, string value)
    {
        w.WritePropertyName("delta");
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
    }

    /// <summary><c>event: {name}\ndata: {"type":"{name}",…}\n\n</c></summary>
    private void Event(string name, Action<Utf8JsonWriter> fields)
    {
        var body = response.BodyWriter;
        body.Write("event: "u8);
        body.Write(System.Text.Encoding.UTF8.GetBytes(name));
        body.Write("\ndata: "u8);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("type", name);
            fields(writer);
            writer.WriteEndObject();
        }
        body.Write("\n\n"u8);
    }
}
