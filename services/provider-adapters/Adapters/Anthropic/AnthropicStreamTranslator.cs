using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Anthropic;

/// <summary>
/// Anthropic named events → OpenAI chunks: message_start (role chunk, initial usage), content_block_start
/// (tool_use → tool call header; redacted_thinking → a whole thinking_blocks piece), content_block_delta (text_delta /
/// input_json_delta; thinking_delta and signature_delta as thinking_blocks pieces, for Messages clients), content_block_stop (a tool call that got no argument text gets <c>"{}"</c>: Anthropic streams
/// a tool without arguments as one empty <c>partial_json</c>, OpenAI clients parse the arguments as JSON), message_delta (finish reason, final usage), message_stop (terminator), ping, error (in-band).
/// </summary>
internal sealed class AnthropicStreamTranslator(string model, long created) : StreamTranslator
{
    private readonly ChunkFactory _chunks = new("", model, created);
    private readonly Dictionary<int, int> _toolIndexByBlock = [];
    private readonly HashSet<int> _toolBlocksWithArguments = [];
    private AnthropicUsage? _startUsage;
    private AnthropicUsage? _finalUsage;

    public override void Translate(SseEvent sseEvent, List<ChatCompletionChunk> output)
    {
        if (sseEvent.Event == "ping" || sseEvent.Data.Length == 0)
        {
            return;
        }
        var frame = JsonSerializer.Deserialize(sseEvent.Data, AnthropicJsonContext.Default.AnthropicStreamEvent);
        switch (sseEvent.Event ?? frame?.Type)
        {
            case "message_start" when frame?.Message is { } message:
                _chunks.Id = message.Id;
                _startUsage = message.Usage;
                Usage = AnthropicFamily.Normalise(_startUsage, _finalUsage);
                output.Add(_chunks.Role());
                break;
            case "content_block_start" when frame?.ContentBlock is { Type: "tool_use" } block:
                var toolIndex = _toolIndexByBlock.Count;
                _toolIndexByBlock[frame.Index] = toolIndex;
                output.Add(_chunks.Tools(ToolCall.Delta(toolIndex, block.Id ?? "", block.Name ?? "", "")));
                break;
            case "content_block_start" when frame?.ContentBlock is { Type: "text", Text.Length: > 0 } block:
                output.Add(_chunks.Text(block.Text!));
                break;
            case "content_block_start" when frame?.ContentBlock is { Type: "redacted_thinking" } block:
                output.Add(_chunks.Thinking(AnthropicThinking.Piece("redacted_thinking", null, null, block.Data)));
                break;
            case "content_block_start" when frame?.ContentBlock is { Type: "thinking", Thinking.Length: > 0 } block:
                output.Add(_chunks.Thinking(AnthropicThinking.Piece("thinking", block.Thinking, null, null)));
                break;
            case "content_block_delta" when frame?.Delta is { } delta:
                Delta(frame.Index, delta, output);
                break;
            case "content_block_stop" when frame is not null && _toolIndexByBlock.TryGetValue(frame.Index, out var stoppedTool)
                && _toolBlocksWithArguments.Add(frame.Index):
                output.Add(_chunks.Tools(ToolCall.Delta(stoppedTool, null, null, "{}")));
                break;
            case "message_delta" when frame is not null:
                _finalUsage = frame.Usage ?? _finalUsage;
                Usage = AnthropicFamily.Normalise(_startUsage, _finalUsage);
                if (frame.Delta?.StopReason is { } stopReason)
                {
                    FinishReason = FinishReasons.FromAnthropic(stopReason);
                    output.Add(_chunks.Finish(FinishReason));
                }
                break;
            case "message_stop":
                Completed = true;
                break;
            case "error":
                InBandError = ErrorBody.Safe(frame?.Error is { } error ? $"{error.Type}: {error.Message}" : null, "in-band stream error");
                break;
        }
    }

    private void Delta(int blockIndex, AnthropicDelta delta, List<ChatCompletionChunk> output)
    {
        if (delta.Type == "text_delta" && !string.IsNullOrEmpty(delta.Text))
        {
            output.Add(_chunks.Text(delta.Text));
        }
        else if (delta.Type == "thinking_delta" && !string.IsNullOrEmpty(delta.Thinking))
        {
            output.Add(_chunks.Thinking(AnthropicThinking.Piece("thinking", delta.Thinking, null, null)));
        }
        else if (delta.Type == "signature_delta" && delta.Signature is not null)
        {
            output.Add(_chunks.Thinking(AnthropicThinking.Piece("thinking", "", delta.Signature, null)));
        }
        else if (delta.Type == "input_json_delta" && _toolIndexByBlock.TryGetValue(blockIndex, out var toolIndex)
            && !string.IsNullOrEmpty(delta.PartialJson))
        {
            _toolBlocksWithArguments.Add(blockIndex);
            output.Add(_chunks.Tools(ToolCall.Delta(toolIndex, null, null, delta.PartialJson)));
        }
    }
}
