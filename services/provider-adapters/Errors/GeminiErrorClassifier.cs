using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;

namespace Dapr.AiProvider.ProviderAdapters.Errors;

/// <summary>
/// Gemini: <c>{"error":{"code","message","status","details":[…]}}</c>. 429 RESOURCE_EXHAUSTED reads
/// <c>RetryInfo.retryDelay</c> and <c>QuotaFailure.violations[].quotaId</c> (PerMinute → minute, PerDay →
/// day until midnight America/Los_Angeles); "limit: 0" means the tier has no quota for the model.
/// Gemini sends no Retry-After header.
/// </summary>
internal sealed class GeminiErrorClassifier : IErrorClassifier
{
    public Classification Classify(ProviderFailure failure, DateTimeOffset now)
    {
        var body = ErrorBody.Parse(failure.Body);
        var status = ErrorBody.String(body, "error", "status");
        var message = ErrorBody.String(body, "error", "message");
        var safe = ErrorBody.Safe(message, $"provider answered {failure.Status}");
        var details = Details(body);

        if (failure.Status == 429 || status == "RESOURCE_EXHAUSTED")
        {
            return Exhausted(details, message, safe, failure, now);
        }
        if (details.Reason is "API_KEY_INVALID" or "API_KEY_SERVICE_BLOCKED" || ErrorBody.Contains(message, "API key not valid"))
        {
            return new(ErrorClass.KeyInvalid, safe);
        }
        if (status == "FAILED_PRECONDITION" && ErrorBody.Contains(message, "billing"))
        {
            return new(ErrorClass.Billing, safe);
        }
        return status switch
        {
            "INVALID_ARGUMENT" when IsContextLength(message) => new(ErrorClass.ContextLength, safe, PerModel: true),
            "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => new(ErrorClass.InvalidRequest, safe),
            "PERMISSION_DENIED" or "UNAUTHENTICATED" => new(ErrorClass.KeyInvalid, safe),
            "NOT_FOUND" => new(ErrorClass.ModelNotFound, safe, PerModel: true),
            "UNAVAILABLE" => new(ErrorClass.Overloaded, safe, details.RetryAt(now)),
            "DEADLINE_EXCEEDED" => new(ErrorClass.Timeout, safe),
            "INTERNAL" => new(ErrorClass.UpstreamError, safe),
            _ => new(StatusDefaults.For(failure.Status), safe, details.RetryAt(now)),
        };
    }

    private static Classification Exhausted(GeminiDetails details, string? message, string safe, ProviderFailure failure, DateTimeOffset now)
    {
        var retryAt = details.RetryAt(now) ?? RetryTiming.FromRetryHeaders(failure, now);
        if (ErrorBody.Contains(message, "limit: 0") || details.QuotaValue == "0")
        {
            return new(ErrorClass.QuotaExhausted, safe, null, QuotaWindowKind.None, PerModel: true);
        }
        if (details.QuotaId is { } quotaId)
        {
            if (quotaId.Contains("PerDay", StringComparison.Ordinal))
            {
                return new(ErrorClass.QuotaExhausted, safe, RetryTiming.NextPacificMidnight(now), QuotaWindowKind.Day, PerModel: true,
                    LearnedLimits: Learned(quotaId, details.QuotaValue, QuotaWindowKind.Day));
            }
            if (quotaId.Contains("PerMinute", StringComparison.Ordinal))
            {
                return new(ErrorClass.QuotaExhausted, safe, retryAt ?? now.AddMinutes(1), QuotaWindowKind.Minute, PerModel: true,
                    LearnedLimits: Learned(quotaId, details.QuotaValue, QuotaWindowKind.Minute));
            }
        }
        return new(ErrorClass.RateLimited, safe, retryAt, PerModel: true);
    }

    /// <summary>The limit a QuotaFailure states: <c>quotaValue</c> of <c>quotaId</c> (…Requests… or …Tokens…).</summary>
    private static List<LearnedLimit>? Learned(string quotaId, string? quotaValue, QuotaWindowKind window) =>
        long.TryParse(quotaValue, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? [new LearnedLimit { Metric = quotaId.Contains("Token", StringComparison.Ordinal) ? "tokens" : "requests", Window = window, Limit = limit }]
            : null;

    private static bool IsContextLength(string? message) =>
        ErrorBody.Contains(message, "token count") || ErrorBody.Contains(message, "exceeds the maximum number of tokens")
        || ErrorBody.Contains(message, "context length");

    private static GeminiDetails Details(JsonElement? body)
    {
        var result = new GeminiDetails();
        if (body is not { } root || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return result;
        }
        foreach (var detail in details.EnumerateArray())
        {
            var type = ErrorBody.String(detail, "@type") ?? "";
            if (type.EndsWith("RetryInfo", StringComparison.Ordinal))
            {
                result.RetryDelay = ErrorBody.String(detail, "retryDelay");
            }
            else if (type.EndsWith("ErrorInfo", StringComparison.Ordinal))
            {
                result.Reason = ErrorBody.String(detail, "reason");
            }
            else if (type.EndsWith("QuotaFailure", StringComparison.Ordinal)
                && detail.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array)
            {
                foreach (var violation in violations.EnumerateArray())
                {
                    result.QuotaId ??= ErrorBody.String(violation, "quotaId");
                    result.QuotaValue ??= ErrorBody.String(violation, "quotaValue");
                }
            }
        }
        return result;
    }

    private sealed class GeminiDetails
    {
        public string? RetryDelay { get; set; }
        public string? QuotaId { get; set; }
        public string? QuotaValue { get; set; }
        public string? Reason { get; set; }

        public DateTimeOffset? RetryAt(DateTimeOffset now) => RetryTiming.FromDuration(RetryDelay, now);
    }
}
