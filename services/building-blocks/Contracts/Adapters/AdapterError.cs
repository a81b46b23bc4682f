using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts.Adapters;

/// <summary>A classified provider failure, as a value (not an exception).</summary>
public sealed record AdapterError
{
    [JsonPropertyName("class")] public ErrorClass Class { get; set; }
    /// <summary>Safe to show a caller: never contains keys or prompt text.</summary>
    [JsonPropertyName("message")] public string Message { get; set; } = "";
    [JsonPropertyName("provider")] public string Provider { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>The provider's HTTP status (200 for an in-band stream error).</summary>
    [JsonPropertyName("providerStatus")] public int ProviderStatus { get; set; }
    /// <summary>When the provider may be tried again (Retry-After, retryDelay, reset headers).</summary>
    [JsonPropertyName("retryAt")] public DateTimeOffset? RetryAt { get; set; }
    /// <summary>For quota_exhausted: which window ran out.</summary>
    [JsonPropertyName("quotaWindow")] public QuotaWindowKind? QuotaWindow { get; set; }
    /// <summary>True when the signal is about one model rather than the whole provider account.</summary>
    [JsonPropertyName("perModel")] public bool PerModel { get; set; }
    /// <summary>For stream_interrupted: whether content had already been sent when it broke.</summary>
    [JsonPropertyName("afterContent")] public bool AfterContent { get; set; }
    /// <summary>Limits the provider stated with this failure (Gemini <c>quotaValue</c> + <c>quotaId</c>,
    /// <c>x-ratelimit-limit-*</c> headers): the window should learn and keep them.</summary>
    [JsonPropertyName("learnedLimits")] public IReadOnlyList<LearnedLimit>? LearnedLimits { get; set; }
}

/// <summary>One limit a provider stated: <c>limit</c> requests or tokens per minute or day.</summary>
public sealed record LearnedLimit
{
    /// <summary><c>requests</c> or <c>tokens</c>.</summary>
    [JsonPropertyName("metric")] public string Metric { get; set; } = "";
    [JsonPropertyName("window")] public QuotaWindowKind Window { get; set; }
    [JsonPropertyName("limit")] public long Limit { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<QuotaWindowKind>))]
public enum QuotaWindowKind
{
    [JsonStringEnumMemberName("minute")] Minute,
    [JsonStringEnumMemberName("day")] Day,
    [JsonStringEnumMemberName("month")] Month,
    /// <summary>The tier has no quota at all for this model: waiting does not help.</summary>
    [JsonStringEnumMemberName("none")] None,
}
