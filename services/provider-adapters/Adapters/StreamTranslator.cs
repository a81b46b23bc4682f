using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.ProviderAdapters.Streaming;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>
/// Turns one provider's SSE events into OpenAI chunks, keeping the state a stream needs: usage (the
/// provider's final figures), the finish reason, whether the stream's terminator arrived, and any
/// in-band error.
/// </summary>
internal abstract class StreamTranslator
{
    public TokenUsage Usage { get; protected set; } = TokenUsage.Zero;
    public string? FinishReason { get; protected set; }
    /// <summary>The provider's own end-of-stream signal was seen (<c>[DONE]</c>, <c>message_stop</c>, a final frame).</summary>
    public bool Completed { get; protected set; }
    /// <summary>A provider error sent inside the 200 stream (safe message), if any.</summary>
    public string? InBandError { get; protected set; }

    /// <summary>Whether reaching the end of the body is a normal end (Gemini has no terminator: a final frame with a finish reason is).</summary>
    public virtual bool CompleteAtEndOfStream() => Completed;

    /// <summary>Translate one event; append the chunks it yields to <paramref name="output"/>.</summary>
    public abstract void Translate(SseEvent sseEvent, List<ChatCompletionChunk> output);
}
