using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Router.Circuits;

[JsonConverter(typeof(JsonStringEnumConverter<CircuitStatus>))]
internal enum CircuitStatus
{
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("half_open")] HalfOpen,
}

/// <summary>The shared breaker state stored under <c>circuit:{provider}</c> or <c>circuit:{provider}:{model}</c>.</summary>
internal sealed record CircuitState
{
    public static readonly CircuitState Closed = new();

    [JsonPropertyName("state")] public CircuitStatus State { get; set; } = CircuitStatus.Closed;
    [JsonPropertyName("failures")] public int Failures { get; set; }
    [JsonPropertyName("lastFailure")] public DateTimeOffset? LastFailure { get; set; }
    [JsonPropertyName("nextRetryAt")] public DateTimeOffset? NextRetryAt { get; set; }
    /// <summary>The error class of the last counted failure.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

/// <summary>A state as read from the store, with the ETag that guards the next write.</summary>
internal sealed record StoredCircuit(CircuitState? State, string? ETag);
