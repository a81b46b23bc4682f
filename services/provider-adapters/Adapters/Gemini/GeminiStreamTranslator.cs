using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.Gemini;

/// <summary>
/// Gemini <c>alt=sse</c> frames (each a GenerateContentResponse) → OpenAI chunks. There is no <c>[DONE]</c>:
/// the stream is complete only if a frame carried a finish reason before the body ended; usage is the
/// last frame's <c>usageMetadata</c>. A frame with <c>error</c> is an in-band error.
/// </summary>
internal sealed class GeminiStreamTranslator(UpstreamCall call) : StreamTranslator
{
    private readonly ChunkFactory _chunks = new("gemini-" + call.RequestId, call.Model.Model, call.Created);
    private bool _started;
    private bool _finished;
    private int _toolCalls;

    public override bool CompleteAtEndOfStream() => _finished && InBandError is null;

    public override void Translate(SseEvent sseEvent, List<ChatCompletionChunk> output)
    {
        if (sseEvent.Data.Length == 0)
        {
            return;
        }
        var frame = JsonSerializer.Deserialize(sseEvent.Data, GeminiJsonContext.Default.GeminiResponse);
        if (frame is null)
        {
            return;
        }
        if (frame.Error is { } error)
        {
            InBandError = ErrorBody.Safe(ErrorBody.String(error, "status") + ": " + ErrorBody.String(error, "message"), "in-band stream error");
            return;
        }
        if (!_started)
        {
            _started = true;
            _chunks.Id = frame.ResponseId ?? _chunks.Id;
            output.Add(_chunks.Role());
        }
        if (frame.UsageMetadata is not null)
        {
            Usage = GeminiFamily.Normalise(frame.UsageMetadata);
        }
        if (frame.PromptFeedback?.BlockReason is not null && frame.Candidates is not { Count: > 0 })
        {
            FinishReason = FinishReasons.ContentFilter;
            _finished = true;
            return;
        }
        var candidate = frame.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
        foreach (var part in candidate?.Content?.Parts ?? [])
        {
            if (part.FunctionCall is { } function)
            {
                var index = _toolCalls++;
                output.Add(_chunks.Tools(ToolCall.Delta(index, function.Id ?? $"call_{index}", function.Name, function.Args?.GetRawText() ?? "{}")));
            }
            else if (!string.IsNullOrEmpty(part.Text) && part.Thought != true)
            {
                output.Add(_chunks.Text(part.Text));
            }
        }
        if (candidate?.FinishReason is { } finish)
        {
            FinishReason = FinishReasons.FromGemini(finish, _toolCalls > 0);
            _finished = true;
            output.Add(_chunks.Finish(FinishReason));
        }
    }
}
