using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.ProviderAdapters;

/// <summary>
/// <c>GET adapters/health</c> on the provider-adapters app: what the adapters last saw of each provider,
/// from real traffic and from cheap periodic probes (a provider with recent traffic is not probed).
/// </summary>
public sealed record ProviderHealthReport
{
    public const string Route = "adapters/health";

    [JsonPropertyName("providers")] public IReadOnlyList<ProviderHealth> Providers { get; set; } = [];
}

/// <summary>One provider's last known health.</summary>
public sealed record ProviderHealth
{
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("state")] public ProviderHealthState State { get; set; }
    /// <summary>When the state was last observed (a call or a probe).</summary>
    [JsonPropertyName("checkedAt")] public DateTimeOffset? CheckedAt { get; set; }
    [JsonPropertyName("lastSuccessAt")] public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>Short, safe reason (an error class or an HTTP status), never provider text.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ProviderHealthState>))]
public enum ProviderHealthState
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("healthy")] Healthy,
    /// <summary>Answering, but limiting us (429, quota).</summary>
    [JsonStringEnumMemberName("limited")] Limited,
    /// <summary>5xx, overloaded, timeouts, broken streams.</summary>
    [JsonStringEnumMemberName("unhealthy")] Unhealthy,
    [JsonStringEnumMemberName("unreachable")] Unreachable,
    [JsonStringEnumMemberName("key_invalid")] KeyInvalid,
    [JsonStringEnumMemberName("no_credentials")] NoCredentials,
}
