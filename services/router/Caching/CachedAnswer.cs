using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>
/// A stored answer, of whichever kind of call (<see cref="CachedCompletion"/>, <c>CachedEmbeddings</c>), with what the
/// decision headers and the usage event need: who answered, its tokens and what it cost the first time.
/// </summary>
internal abstract record CachedAnswer
{
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    /// <summary>The provider's model id (the gateway id is <see cref="Provider"/>/<see cref="Model"/>).</summary>
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; set; } = TokenUsage.Zero;
    /// <summary>What the original call cost (a hit costs nothing).</summary>
    [JsonPropertyName("costMicros")] public long CostMicros { get; set; }
    [JsonPropertyName("cachedAt")] public DateTimeOffset CachedAt { get; set; }
    /// <summary>When the shared entry expires (its <c>ttlInSeconds</c>); bounds the replica's local copy.</summary>
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; set; }
}
