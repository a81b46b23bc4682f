using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Errors;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters.OpenAi;

/// <summary>
/// OpenAI SSE: <c>data: {chunk}</c> frames, the usage chunk (empty or null choices) before <c>data: [DONE]</c>.
/// Chunks pass through; the usage chunk becomes the stream's usage; <c>data: {"error":…}</c> (vLLM, sglang)
/// and <c>finish_reason: "error"</c> (OpenRouter) are in-band errors.
/// </summary>
internal sealed class OpenAiStreamTranslator : StreamTranslator
{
    public override void Translate(SseEvent sseEvent, List<ChatCompletionChunk> output)
    {
        var data = sseEvent.Data;
        if (data.Length == 0)
        {
            return;
        }
        if (data.AsSpan().Trim().SequenceEqual("[DONE]"))
        {
            Completed = true;
            return;
        }
        if (data.Contains("\"error\"", StringComparison.Ordinal) && TryReadError(data))
        {
            return;
        }
        var chunk = JsonSerializer.Deserialize(data, ContractsJsonContext.Default.ChatCompletionChunk);
        if (chunk is null)
        {
            return;
        }
        if (chunk.Usage is not null)
        {
            Usage = OpenAiFamily.Normalise(chunk.Usage);
        }
        if (chunk.Choices is not { Count: > 0 })
        {
            return;
        }
        foreach (var choice in chunk.Choices)
        {
            FinishReason = choice.FinishReason ?? FinishReason;
        }
        output.Add(chunk.Usage is null ? chunk : chunk with { Usage = null });
    }

    private bool TryReadError(string data)
    {
        var root = ErrorBody.Parse(data);
        if (root is not { ValueKind: JsonValueKind.Object } element)
        {
            return false;
        }
        if (element.TryGetProperty("error", out var error))
        {
            var message = ErrorBody.String(error, "message") ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null);
            var type = ErrorBody.String(error, "type") ?? ErrorBody.String(element, "error_type");
            InBandError = ErrorBody.Safe(type is null ? message : $"{type}: {message}", "in-band stream error");
            return true;
        }
        if (element.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (ErrorBody.String(choice, "finish_reason") == "error")
                {
                    InBandError = "provider ended the stream with finish_reason \"error\"";
                    return true;
                }
            }
        }
        return false;
    }
}
