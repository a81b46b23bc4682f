using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Embeddings;

/// <summary>A cached embedding answer with what the decision headers and the usage event need.</summary>
public sealed record CachedEmbeddings
{
    [JsonPropertyName("vectors")] public IReadOnlyList<float[]> Vectors { get; init; } = [];
    [JsonPropertyName("provider")] public string Provider { get; init; } = "";
    /// <summary>The provider's model id (the answer's <c>model</c> is <see cref="Provider"/>/<see cref="Model"/>).</summary>
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; init; } = TokenUsage.Zero;
    /// <summary>What the original call cost (a hit costs nothing).</summary>
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("cachedAt")] public DateTimeOffset CachedAt { get; init; }
}
