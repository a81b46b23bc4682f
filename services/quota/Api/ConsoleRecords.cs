using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>
/// One finished request as the console's Decisions page shows it, read from its ledger row: who asked for what,
/// where it went and why (the row's <c>decision</c>: route reason, candidates that failed before the winner, cache),
/// cost, tokens, latency and outcome — whichever router replica answered it.
/// </summary>
internal sealed record DecisionRecord
{
    [JsonPropertyName("requestId")] public string RequestId { get; init; } = "";
    [JsonPropertyName("at")] public DateTimeOffset At { get; init; }
    [JsonPropertyName("keyId")] public string? KeyId { get; init; }
    [JsonPropertyName("team")] public string? Team { get; init; }
    [JsonPropertyName("taskType")] public string TaskType { get; init; } = "";
    [JsonPropertyName("requestedModel")] public string? RequestedModel { get; init; }
    [JsonPropertyName("stream")] public bool Stream { get; init; }
    [JsonPropertyName("provider")] public string? Provider { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("routeReason")] public string RouteReason { get; init; } = "";
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("failedCandidates")] public IReadOnlyList<string> FailedCandidates { get; init; } = [];
    /// <summary><c>hit</c>, <c>miss</c> or <c>bypass</c>; for a row written before the ledger kept decisions, <c>hit</c> or <c>miss</c>.</summary>
    [JsonPropertyName("cache")] public string Cache { get; init; } = "";
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("inputTokens")] public int InputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public int OutputTokens { get; init; }
    [JsonPropertyName("latencyMs")] public double LatencyMs { get; init; }
    [JsonPropertyName("upstreamMs")] public double UpstreamMs { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("errorClass")] public string? ErrorClass { get; init; }
}

/// <summary>The console's Overview over the last minutes of the whole cluster: totals and one point per minute.</summary>
internal sealed record ConsoleOverview
{
    [JsonPropertyName("from")] public DateTimeOffset From { get; init; }
    [JsonPropertyName("to")] public DateTimeOffset To { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    [JsonPropertyName("errorRatio")] public double ErrorRatio { get; init; }
    /// <summary>Failed requests by error class, or <c>status_NNN</c> for a failure without a class (a budget refusal).</summary>
    [JsonPropertyName("errorsByClass")] public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>();
    [JsonPropertyName("p95LatencyMs")] public double P95LatencyMs { get; init; }
    [JsonPropertyName("cacheHits")] public long CacheHits { get; init; }
    [JsonPropertyName("cacheHitRatio")] public double CacheHitRatio { get; init; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("series")] public IReadOnlyList<OverviewPoint> Series { get; init; } = [];
}

/// <summary>One minute of the Overview charts.</summary>
internal sealed record OverviewPoint
{
    [JsonPropertyName("minute")] public DateTimeOffset Minute { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
    [JsonPropertyName("p95LatencyMs")] public double P95LatencyMs { get; init; }
    [JsonPropertyName("cacheHits")] public long CacheHits { get; init; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
}
