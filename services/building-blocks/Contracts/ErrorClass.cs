using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts;

/// <summary>
/// The closed vocabulary of provider failures. Adapters classify; the router acts on the class
/// (its failover policy: the router's Failover/ErrorClassPolicy.cs). Serialised as snake_case strings.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorClass>))]
public enum ErrorClass
{
    [JsonStringEnumMemberName("rate_limited")] RateLimited,
    [JsonStringEnumMemberName("quota_exhausted")] QuotaExhausted,
    [JsonStringEnumMemberName("overloaded")] Overloaded,
    [JsonStringEnumMemberName("key_invalid")] KeyInvalid,
    [JsonStringEnumMemberName("billing")] Billing,
    [JsonStringEnumMemberName("invalid_request")] InvalidRequest,
    [JsonStringEnumMemberName("context_length")] ContextLength,
    [JsonStringEnumMemberName("content_filtered")] ContentFiltered,
    [JsonStringEnumMemberName("model_not_found")] ModelNotFound,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("upstream_error")] UpstreamError,
    [JsonStringEnumMemberName("stream_interrupted")] StreamInterrupted,
    /// <summary>The model (or the whole provider) is retired: 410 Gone or the provider's "decommissioned"
    /// error, or past its catalog retirement date. Never retried; the adapters drop it from the catalog.</summary>
    [JsonStringEnumMemberName("model_retired")] ModelRetired,
    /// <summary>Not sent: the provider-window lease the request was reserved from ended before it could leave
    /// (<see cref="Adapters.AdapterChatRequest.SendBy"/>). Nothing reached the provider; the router leases again.</summary>
    [JsonStringEnumMemberName("window_lease_ended")] WindowLeaseEnded,
}
