using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>A cached answer with what the decision headers and usage event need.</summary>
public sealed record CachedCompletion
{
    [JsonPropertyName("completion")] public ChatCompletionResponse Completion { get; init; } = new();
    [JsonPropertyName("provider")] public string Provider { get; init; } = "";
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; init; } = TokenUsage.Zero;
    /// <summary>What the original call cost (a hit costs nothing).</summary>
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("cachedAt")] public DateTimeOffset CachedAt { get; init; }
    /// <summary>When the shared entry expires (its <c>ttlInSeconds</c>); bounds the replica's local copy.</summary>
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; init; }
}
