using System.Text.Json.Serialization;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Contracts.Usage;

/// <summary>
/// Published by the router on topic <see cref="DaprNames.Topics.Usage"/> once per finished request
/// (cache hits and failures included). The quota service is idempotent on <see cref="RequestId"/>.
/// </summary>
public sealed record UsageRecorded
{
    [JsonPropertyName("requestId")] public string RequestId { get; set; } = "";
    [JsonPropertyName("occurredAt")] public DateTimeOffset OccurredAt { get; init; }
    [JsonPropertyName("apiKeyId")] public string? ApiKeyId { get; init; }
    [JsonPropertyName("team")] public string? Team { get; init; }
    [JsonPropertyName("taskType")] public string TaskType { get; set; } = "chat";
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; set; } = TokenUsage.Zero;
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; init; }
    [JsonPropertyName("cacheHit")] public bool CacheHit { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("stream")] public bool Stream { get; init; }
    /// <summary>Null on success; the final error class when the request failed.</summary>
    [JsonPropertyName("errorClass")] public ErrorClass? ErrorClass { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
}
