using Dapr.AiProvider.Contracts;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>The wire (snake_case) names of <see cref="ErrorClass"/>, for messages and metric tags.</summary>
internal static class ErrorClassNames
{
    public static string Of(ErrorClass errorClass) => errorClass switch
    {
        ErrorClass.RateLimited => "rate_limited",
        ErrorClass.QuotaExhausted => "quota_exhausted",
        ErrorClass.Overloaded => "overloaded",
        ErrorClass.KeyInvalid => "key_invalid",
        ErrorClass.Billing => "billing",
        ErrorClass.InvalidRequest => "invalid_request",
        ErrorClass.ContextLength => "context_length",
        ErrorClass.ContentFiltered => "content_filtered",
        ErrorClass.ModelNotFound => "model_not_found",
        ErrorClass.Timeout => "timeout",
        ErrorClass.UpstreamError => "upstream_error",
        ErrorClass.StreamInterrupted => "stream_interrupted",
        _ => "unknown",
    };
}
