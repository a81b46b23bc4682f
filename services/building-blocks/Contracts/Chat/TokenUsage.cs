using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>
/// Token usage normalised across provider families. <see cref="InputTokens"/> is the whole prompt
/// (cached reads and cache writes included, as OpenAI counts it); <see cref="OutputTokens"/> includes
/// reasoning. The parts are broken out so cost can price each at its own rate.
/// </summary>
public sealed record TokenUsage
{
    [JsonPropertyName("inputTokens")] public int InputTokens { get; init; }
    [JsonPropertyName("cachedInputTokens")] public int CachedInputTokens { get; init; }
    [JsonPropertyName("cacheWriteTokens")] public int CacheWriteTokens { get; init; }
    [JsonPropertyName("outputTokens")] public int OutputTokens { get; init; }
    [JsonPropertyName("reasoningTokens")] public int ReasoningTokens { get; init; }

    [JsonIgnore] public int TotalTokens => InputTokens + OutputTokens;

    public static readonly TokenUsage Zero = new();
}
