using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Health;

/// <summary>
/// What every router replica has seen of one provider, kept under <c>provider_health:{provider}</c> in
/// the state store: this minute's outcomes summed over replicas, the latest success and failure, the
/// circuit as last seen, and each model's latency average (seeds the latency strategy on a fresh replica).
/// </summary>
internal sealed record ProviderHealth
{
    [JsonPropertyName("provider")] public string Provider { get; init; } = "";
    /// <summary>healthy, degraded (failing or half-open), down (circuit open) or unknown (no traffic yet).</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = ProviderHealthStatus.Unknown;
    [JsonPropertyName("circuit")] public string Circuit { get; init; } = "closed";
    /// <summary>Start of the minute <see cref="Successes"/> and <see cref="Failures"/> count.</summary>
    [JsonPropertyName("window")] public DateTimeOffset Window { get; init; }
    [JsonPropertyName("successes")] public long Successes { get; init; }
    [JsonPropertyName("failures")] public long Failures { get; init; }
    [JsonPropertyName("lastSuccessAt")] public DateTimeOffset? LastSuccessAt { get; init; }
    [JsonPropertyName("lastFailureAt")] public DateTimeOffset? LastFailureAt { get; init; }
    /// <summary>Error class of the latest failure.</summary>
    [JsonPropertyName("lastError")] public string? LastError { get; init; }
    /// <summary>Latency average per model id, milliseconds.</summary>
    [JsonPropertyName("latencyMs")] public Dictionary<string, double> LatencyMs { get; init; } = new(StringComparer.Ordinal);
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}

internal static class ProviderHealthStatus
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Down = "down";
    public const string Unknown = "unknown";
}

/// <summary>A record as read from the store, with the ETag that guards the next write.</summary>
internal sealed record StoredProviderHealth(ProviderHealth? Health, string? ETag);
