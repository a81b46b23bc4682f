using System.Text.Json;
using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>A cached chat completion (streamed requests replay it as chunks).</summary>
internal sealed record CachedCompletion : CachedAnswer
{
    private SerializedCompletion? _openAiJson;

    [JsonPropertyName("completion")] public ChatCompletionResponse Completion { get; set; } = new();

    /// <summary>
    /// <see cref="Completion"/> as <c>POST /v1/chat/completions</c> writes it (<see cref="RouterJsonContext"/>), serialised
    /// on the first hit and kept with this entry, so every later hit served from the replica's local layer writes the same
    /// bytes again instead of serialising the completion anew (docs/benchmarks-peer.md, "Session 11").
    /// </summary>
    public ReadOnlyMemory<byte> OpenAiJson()
    {
        var kept = _openAiJson;
        if (kept is null || !ReferenceEquals(kept.Source, Completion))
        {
            // A race serialises twice and keeps either: both are the same bytes.
            kept = new SerializedCompletion(Completion, JsonSerializer.SerializeToUtf8Bytes(Completion, RouterJsonContext.Default.ChatCompletionResponse));
            _openAiJson = kept;
        }
        return kept.Utf8;
    }

    /// <summary>The kept bytes are a copy of <see cref="Completion"/>, not part of the value.</summary>
    public bool Equals(CachedCompletion? other) =>
        base.Equals(other) && EqualityComparer<ChatCompletionResponse>.Default.Equals(Completion, other.Completion);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Completion);

    /// <summary>The bytes and the completion they were written from (a <c>with</c> copy given another completion writes its own).</summary>
    private sealed record SerializedCompletion(ChatCompletionResponse Source, byte[] Utf8);
}
