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
    [JsonPropertyName("occurredAt")] public DateTimeOffset OccurredAt { get; set; }
    [JsonPropertyName("apiKeyId")] public string? ApiKeyId { get; set; }
    [JsonPropertyName("team")] public string? Team { get; set; }
    /// <summary>
    /// Optional (issue 18.8): the Dapr app id of the caller when the request came through the router's own sidecar
    /// (proven by the app token; daprd stamps it); null for calls on the public port.
    /// </summary>
    [JsonPropertyName("callerAppId")] public string? CallerAppId { get; set; }
    [JsonPropertyName("taskType")] public string TaskType { get; set; } = "chat";
    [JsonPropertyName("provider")] public string? Provider { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("tokens")] public TokenUsage Tokens { get; set; } = TokenUsage.Zero;
    [JsonPropertyName("costMicros")] public long CostMicros { get; set; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; set; }
    [JsonPropertyName("cacheHit")] public bool CacheHit { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("stream")] public bool Stream { get; set; }
    /// <summary>
    /// Null on success; the class of the last attempt's failure when the request failed (for a failure
    /// without a provider attempt, the closest class: <c>model_not_found</c> for an unknown model, …).
    /// On a failed request <see cref="Provider"/> and <see cref="Model"/> name the last attempt, if any.
    /// </summary>
    [JsonPropertyName("errorClass")] public ErrorClass? ErrorClass { get; set; }
    /// <summary>
    /// Optional (added for issue 19): the gateway's error code the caller received (<c>GatewayError.Code</c>,
    /// e.g. <c>model_not_found</c>, <c>budget_exceeded</c>, <c>invalid_api_key</c>); null on success. Also set
    /// for a stream that ended with an in-band error after a 200. The ledger keeps at most 64 characters of
    /// <c>[a-z0-9_.-]</c>.
    /// </summary>
    [JsonPropertyName("errorCode")] public string? ErrorCode { get; set; }
    /// <summary>The HTTP status the caller received; every status outside 2xx counts as an error in analytics.</summary>
    [JsonPropertyName("status")] public int Status { get; set; }
    /// <summary>
    /// Optional (added for issue 16): the W3C trace context of the router's request span,
    /// <c>00-{trace-id}-{span-id}-{flags}</c> (https://www.w3.org/TR/trace-context/#traceparent-header); null when
    /// the router traced nothing. Quota links its ingestion span to it and keeps the trace id in the ledger row, so
    /// an operator goes from a row to its trace.
    /// </summary>
    [JsonPropertyName("traceparent")] public string? Traceparent { get; set; }
    /// <summary>
    /// Optional (added for issue 21): why the request went where it went (<see cref="RoutingExplanation"/>), kept in
    /// the ledger for the console's Decisions page; null from older routers.
    /// </summary>
    [JsonPropertyName("decision")] public RoutingExplanation? Decision { get; set; }
}
