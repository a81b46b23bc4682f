using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// Anthropic: <c>{"type":"error","error":{"type","message","details":{"error_code"}}}</c>; 429 rate limit
/// (retry-after, RFC 3339 <c>anthropic-ratelimit-*-reset</c>) vs <c>enforced_spend_limit_reached</c>
/// (month), 529 overloaded, 400 spend/credit limits.
/// </summary>
internal sealed class AnthropicErrorClassifier : IErrorClassifier
{
    private static readonly string[] ResetHeaders =
    [
        "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset",
        "anthropic-ratelimit-input-tokens-reset", "anthropic-ratelimit-output-tokens-reset",
    ];

    public Classification Classify(ProviderFailure failure, DateTimeOffset now)
    {
        var body = ErrorBody.Parse(failure.Body);
        var type = ErrorBody.String(body, "error", "type");
        var message = ErrorBody.String(body, "error", "message");
        var detail = ErrorBody.String(body, "error", "details", "error_code");
        var safe = ErrorBody.Safe(message, $"provider answered {failure.Status}");

        if (detail == "enforced_spend_limit_reached" || ErrorBody.Contains(message, "spend limit")
            || ErrorBody.Contains(message, "usage limit"))
        {
            return new(ErrorClass.QuotaExhausted, safe, RetryTiming.NextMonthUtc(now), QuotaWindowKind.Month);
        }
        if (ErrorBody.Contains(message, "credit balance") || type == "billing_error")
        {
            return new(ErrorClass.Billing, safe);
        }
        return type switch
        {
            "rate_limit_error" => new(ErrorClass.RateLimited, safe, RetryAt(failure, now)),
            "overloaded_error" => new(ErrorClass.Overloaded, safe, RetryTiming.FromRetryHeaders(failure, now)),
            "authentication_error" or "permission_error" => new(ErrorClass.KeyInvalid, safe),
            "not_found_error" => new(ErrorClass.ModelNotFound, safe, PerModel: true),
            "request_too_large" => new(ErrorClass.ContextLength, safe, PerModel: true),
            "invalid_request_error" when IsContextLength(message) => new(ErrorClass.ContextLength, safe, PerModel: true),
            "invalid_request_error" => new(ErrorClass.InvalidRequest, safe),
            "api_error" => new(ErrorClass.UpstreamError, safe),
            "timeout_error" => new(ErrorClass.Timeout, safe),
            _ => new(StatusDefaults.For(failure.Status), safe,
                failure.Status == 429 ? RetryAt(failure, now) : RetryTiming.FromRetryHeaders(failure, now)),
        };
    }

    private static DateTimeOffset? RetryAt(ProviderFailure failure, DateTimeOffset now)
    {
        var fromRetry = RetryTiming.FromRetryHeaders(failure, now);
        if (fromRetry is not null)
        {
            return fromRetry;
        }
        DateTimeOffset? latest = null;
        foreach (var header in ResetHeaders)
        {
            latest = RetryTiming.Latest(latest, RetryTiming.FromTimestamp(failure.Header(header)));
        }
        return latest;
    }

    private static bool IsContextLength(string? message) =>
        ErrorBody.Contains(message, "prompt is too long") || ErrorBody.Contains(message, "context window")
        || ErrorBody.Contains(message, "context length");
}
