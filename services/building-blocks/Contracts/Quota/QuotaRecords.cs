using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Quota;

[JsonConverter(typeof(JsonStringEnumConverter<QuotaMetric>))]
public enum QuotaMetric
{
    [JsonStringEnumMemberName("requests")] Requests,
    [JsonStringEnumMemberName("tokens")] Tokens,
    [JsonStringEnumMemberName("cost")] CostMicros,
}

[JsonConverter(typeof(JsonStringEnumConverter<QuotaPeriod>))]
public enum QuotaPeriod
{
    [JsonStringEnumMemberName("minute")] Minute,
    [JsonStringEnumMemberName("hour")] Hour,
    [JsonStringEnumMemberName("day")] Day,
    [JsonStringEnumMemberName("week")] Week,
    [JsonStringEnumMemberName("month")] Month,
}

/// <summary>One limit of a scope: e.g. 20 requests per day, reset at midnight Pacific.</summary>
public sealed record QuotaRule
{
    [JsonPropertyName("metric")] public QuotaMetric Metric { get; set; }
    [JsonPropertyName("period")] public QuotaPeriod Period { get; set; }
    [JsonPropertyName("limit")] public long Limit { get; set; }
    /// <summary>Hard limits refuse; soft limits only alert.</summary>
    [JsonPropertyName("hard")] public bool Hard { get; set; } = true;
    /// <summary>IANA time zone whose calendar the window follows (providers reset on their own clocks).</summary>
    [JsonPropertyName("timeZone")] public string TimeZone { get; set; } = "UTC";
}

public sealed record QuotaLimits
{
    [JsonPropertyName("rules")] public IReadOnlyList<QuotaRule> Rules { get; set; } = [];
    /// <summary>Alert thresholds as fractions of a limit (default 0.5, 0.8, 1.0).</summary>
    [JsonPropertyName("alertThresholds")] public IReadOnlyList<double> AlertThresholds { get; set; } = [0.5, 0.8, 1.0];
}

public sealed record LeaseRequest
{
    /// <summary>The asking router replica (one lease per holder per scope).</summary>
    [JsonPropertyName("holder")] public string Holder { get; set; } = "";
    [JsonPropertyName("requests")] public long Requests { get; set; }
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; set; }
    /// <summary>
    /// The limits the scope follows while nobody set limits for it explicitly: a provider's published free-tier
    /// windows from the catalog (possibly none). Null leaves the scope's limits as they are (budget scopes).
    /// </summary>
    [JsonPropertyName("defaults")] public QuotaLimits? Defaults { get; set; }
    /// <summary>The holder's previous lease of this scope, settled in the same turn before the grant (one call per refill).</summary>
    [JsonPropertyName("settle")] public LeaseSettlement? Settle { get; set; }
}

public sealed record LeaseGrant
{
    [JsonPropertyName("leaseId")] public string LeaseId { get; set; } = "";
    [JsonPropertyName("requests")] public long Requests { get; set; }
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    [JsonPropertyName("costMicros")] public long CostMicros { get; set; }
    /// <summary>Unsettled grants return to the windows after this time (a crashed replica loses nothing forever).</summary>
    [JsonPropertyName("expiresAt")] public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Null when the scope is open; otherwise when it opens again (bench or window reset).</summary>
    [JsonPropertyName("blockedUntil")] public DateTimeOffset? BlockedUntil { get; set; }
    /// <summary>True when a scope limit has nothing at all left for what was asked (not only a partial grant).</summary>
    [JsonPropertyName("exhausted")] public bool Exhausted { get; set; }
    /// <summary>True when the scope is unlimited: no need to come back for more.</summary>
    [JsonPropertyName("unlimited")] public bool Unlimited { get; set; }
    /// <summary>Share of the tightest hard window still free after this grant (0–1); null when no hard window applies.</summary>
    [JsonPropertyName("headroom")] public double? Headroom { get; set; }
}

public sealed record LeaseSettlement
{
    [JsonPropertyName("leaseId")] public string LeaseId { get; set; } = "";
    [JsonPropertyName("usedRequests")] public long UsedRequests { get; set; }
    [JsonPropertyName("usedTokens")] public long UsedTokens { get; set; }
    [JsonPropertyName("usedCostMicros")] public long UsedCostMicros { get; set; }
}

public sealed record BenchRequest
{
    [JsonPropertyName("until")] public DateTimeOffset Until { get; set; }
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
}

public sealed record QuotaWindowStatus
{
    [JsonPropertyName("rule")] public QuotaRule Rule { get; set; } = new();
    [JsonPropertyName("used")] public long Used { get; set; }
    [JsonPropertyName("leased")] public long Leased { get; set; }
    [JsonPropertyName("remaining")] public long Remaining { get; set; }
    [JsonPropertyName("resetsAt")] public DateTimeOffset ResetsAt { get; set; }
}

public sealed record QuotaStatus
{
    [JsonPropertyName("scope")] public string Scope { get; set; } = "";
    [JsonPropertyName("windows")] public IReadOnlyList<QuotaWindowStatus> Windows { get; set; } = [];
    [JsonPropertyName("benchedUntil")] public DateTimeOffset? BenchedUntil { get; set; }
    [JsonPropertyName("benchReason")] public string? BenchReason { get; set; }
}
