using System.Text.Json.Serialization;

namespace Dapr.AiProvider.Contracts;

/// <summary>
/// The closed vocabulary of provider failures. Adapters classify; the router acts on the class
/// (see <see cref="ErrorClassExtensions"/>). Serialised as snake_case strings.
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
}

/// <summary>What the router should do with a failure of a given class.</summary>
public enum FailoverAction
{
    /// <summary>The request itself is wrong: answer the caller, try nobody else.</summary>
    Stop,
    /// <summary>This provider/model cannot serve now: try the next candidate.</summary>
    NextCandidate,
    /// <summary>Transient: the next candidate, and this one again later.</summary>
    NextCandidateAndCount,
}

public static class ErrorClassExtensions
{
    public static FailoverAction Action(this ErrorClass error) => error switch
    {
        ErrorClass.InvalidRequest or ErrorClass.ContentFiltered => FailoverAction.Stop,
        ErrorClass.Overloaded or ErrorClass.Timeout or ErrorClass.UpstreamError
            or ErrorClass.StreamInterrupted => FailoverAction.NextCandidateAndCount,
        _ => FailoverAction.NextCandidate,
    };

    /// <summary>Failures that say something about the provider's health (feed the circuit breaker).</summary>
    public static bool CountsTowardCircuit(this ErrorClass error) =>
        error is ErrorClass.Overloaded or ErrorClass.Timeout or ErrorClass.UpstreamError
            or ErrorClass.StreamInterrupted;
}
