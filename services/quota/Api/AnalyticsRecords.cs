using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Quota.Api;

/// <summary>Usage and cost for one group (a day, provider, model, key or task type).</summary>
internal sealed record UsageBucket
{
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("inputTokens")] public long InputTokens { get; init; }
    [JsonPropertyName("cachedInputTokens")] public long CachedInputTokens { get; init; }
    [JsonPropertyName("outputTokens")] public long OutputTokens { get; init; }
    [JsonPropertyName("totalTokens")] public long TotalTokens { get; init; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
    [JsonPropertyName("cacheHits")] public long CacheHits { get; init; }
    [JsonPropertyName("errors")] public long Errors { get; init; }
}

internal sealed record UsageReport
{
    [JsonPropertyName("from")] public DateTimeOffset From { get; init; }
    [JsonPropertyName("to")] public DateTimeOffset To { get; init; }
    [JsonPropertyName("groupBy")] public string GroupBy { get; init; } = "";
    [JsonPropertyName("buckets")] public IReadOnlyList<UsageBucket> Buckets { get; init; } = [];
}

internal sealed record TopConsumer
{
    [JsonPropertyName("apiKeyId")] public string ApiKeyId { get; init; } = "";
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("totalTokens")] public long TotalTokens { get; init; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; init; }
}

internal sealed record TopConsumersReport
{
    [JsonPropertyName("from")] public DateTimeOffset From { get; init; }
    [JsonPropertyName("to")] public DateTimeOffset To { get; init; }
    [JsonPropertyName("consumers")] public IReadOnlyList<TopConsumer> Consumers { get; init; } = [];
}

internal sealed record CacheHitRate
{
    [JsonPropertyName("from")] public DateTimeOffset From { get; init; }
    [JsonPropertyName("to")] public DateTimeOffset To { get; init; }
    [JsonPropertyName("requests")] public long Requests { get; init; }
    [JsonPropertyName("cacheHits")] public long CacheHits { get; init; }
    /// <summary>cacheHits / requests (0 when there were none).</summary>
    [JsonPropertyName("rate")] public double Rate { get; init; }
}
