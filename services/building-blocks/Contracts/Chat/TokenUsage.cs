using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Chat;

/// <summary>
/// Token usage normalised across provider families. <see cref="InputTokens"/> is the whole prompt
/// (cached reads and cache writes included, as OpenAI counts it); <see cref="OutputTokens"/> includes
/// reasoning. The parts are broken out so cost can price each at its own rate.
/// </summary>
public sealed record TokenUsage
{
    [JsonPropertyName("inputTokens")] public int InputTokens { get; set; }
    [JsonPropertyName("cachedInputTokens")] public int CachedInputTokens { get; set; }
    [JsonPropertyName("cacheWriteTokens")] public int CacheWriteTokens { get; set; }
    [JsonPropertyName("outputTokens")] public int OutputTokens { get; set; }
    [JsonPropertyName("reasoningTokens")] public int ReasoningTokens { get; set; }

    [JsonIgnore] public int TotalTokens => InputTokens + OutputTokens;

    public static readonly TokenUsage Zero = new();
}
