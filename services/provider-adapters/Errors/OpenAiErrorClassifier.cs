using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// OpenAI-shaped providers (OpenAI, Hugging Face router, GitHub Models, OpenAI-compatible, Copilot):
/// 429 rate limit vs insufficient_quota, GitHub's <c>x-ratelimit-type</c>, HF's 402 monthly credits,
/// TGI-style <c>{"error","error_type"}</c> bodies from compatible servers.
/// </summary>
internal sealed class OpenAiErrorClassifier : IErrorClassifier
{
    private static readonly HashSet<string> QuotaCodes = new(StringComparer.Ordinal)
    {
        "insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
        "project_spend_limit_exceeded", "organization_usage_limit_exceeded",
    };

    public Classification Classify(ProviderFailure failure, DateTimeOffset now)
    {
        var body = ErrorBody.Parse(failure.Body);
        var message = ErrorBody.String(body, "error", "message") ?? ErrorBody.String(body, "error") ?? ErrorBody.String(body, "message")
            ?? ErrorBody.EnvelopeMessage(body);
        var type = ErrorBody.String(body, "error", "type") ?? ErrorBody.String(body, "error_type");
        var code = ErrorBody.String(body, "error", "code");
        var safe = ErrorBody.Safe(message, $"provider answered {failure.Status}");

        if (QuotaCodes.Contains(type ?? "") || QuotaCodes.Contains(code ?? ""))
        {
            return new(ErrorClass.QuotaExhausted, safe, RetryTiming.NextMonthUtc(now), QuotaWindowKind.Month);
        }
        if (string.Equals(type, "overloaded", StringComparison.OrdinalIgnoreCase))
        {
            return new(ErrorClass.Overloaded, safe, RetryTiming.FromRetryHeaders(failure, now));
        }
        if (IsRetired(failure.Status, code, message))
        {
            return new(ErrorClass.ModelRetired, safe, PerModel: true);
        }
        return failure.Status switch
        {
            429 => RateLimit(failure, message, safe, now),
            402 when ErrorBody.Contains(message, "monthly included credits") =>
                new(ErrorClass.QuotaExhausted, safe, RetryTiming.NextMonthUtc(now), QuotaWindowKind.Month),
            404 => new(ErrorClass.ModelNotFound, safe, PerModel: true),
            400 or 413 or 422 when IsContextLength(code, message) => new(ErrorClass.ContextLength, safe, PerModel: true),
            400 or 422 when IsContentFilter(code) => new(ErrorClass.ContentFiltered, safe),
            _ => new(StatusDefaults.For(failure.Status), safe, RetryTiming.FromRetryHeaders(failure, now)),
        };
    }

    private static Classification RateLimit(ProviderFailure failure, string? text, string message, DateTimeOffset now)
    {
        var retryAt = RetryTiming.FromRetryHeaders(failure, now) ?? ResetFromHeaders(failure, now);
        if (IsDailyWindow(text))
        {
            // Free tiers' daily windows (Groq RPD/TPD, Cerebras, OpenRouter free-models-per-day, Cloudflare's daily
            // neurons): nothing until the reset. OpenRouter's and Cloudflare's are the account's, the others per model.
            var accountWide = ErrorBody.Contains(text, "free-models-per-day") || ErrorBody.Contains(text, "daily free allocation");
            return new(ErrorClass.QuotaExhausted, message, retryAt ?? RetryTiming.NextUtcMidnight(now), QuotaWindowKind.Day, PerModel: !accountWide);
        }
        var limitType = failure.Header("x-ratelimit-type");
        if (limitType is not null && limitType.Contains("ByDay", StringComparison.OrdinalIgnoreCase))
        {
            return new(ErrorClass.QuotaExhausted, message, retryAt, QuotaWindowKind.Day, PerModel: limitType.Contains("ByModel", StringComparison.OrdinalIgnoreCase));
        }
        var perModel = limitType?.Contains("ByModel", StringComparison.OrdinalIgnoreCase) ?? false;
        return new(ErrorClass.RateLimited, message, retryAt, PerModel: perModel);
    }

    /// <summary>OpenAI's reset durations: the exhausted dimension's reset, else the later of both.</summary>
    private static DateTimeOffset? ResetFromHeaders(ProviderFailure failure, DateTimeOffset now)
    {
        var requests = RetryTiming.FromDuration(failure.Header("x-ratelimit-reset-requests"), now);
        var tokens = RetryTiming.FromDuration(failure.Header("x-ratelimit-reset-tokens"), now);
        var requestsOut = failure.Header("x-ratelimit-remaining-requests") == "0";
        var tokensOut = failure.Header("x-ratelimit-remaining-tokens") == "0";
        return requestsOut == tokensOut ? RetryTiming.Latest(requests, tokens) : requestsOut ? requests ?? tokens : tokens ?? requests;
    }

    private static bool IsDailyWindow(string? text) =>
        ErrorBody.Contains(text, "per day") || ErrorBody.Contains(text, "(RPD)") || ErrorBody.Contains(text, "(TPD)")
        || ErrorBody.Contains(text, "-per-day") || ErrorBody.Contains(text, "daily free allocation");

    private static bool IsContextLength(string? code, string? message) =>
        code is "context_length_exceeded" or "string_above_max_length" or "tokens_limit_reached"
        || ErrorBody.Contains(message, "context length") || ErrorBody.Contains(message, "context window")
        || ErrorBody.Contains(message, "maximum context");

    /// <summary>410 Gone (GitHub Models since 2026-07-30), Groq's <c>model_decommissioned</c>, "has been deprecated/retired/decommissioned".</summary>
    private static bool IsRetired(int status, string? code, string? message) =>
        status == 410 || code is "model_decommissioned" or "model_deprecated" or "model_retired"
        || (status is 400 or 404 && (ErrorBody.Contains(message, "decommissioned") || ErrorBody.Contains(message, "has been retired")
            || ErrorBody.Contains(message, "has been deprecated")));

    private static bool IsContentFilter(string? code) => code is "content_filter" or "content_policy_violation";
}
