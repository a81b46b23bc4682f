using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Router.Errors;

namespace Dapr.AiProvider.Router.Failover;

/// <summary>Maps a failover run's failures to the one error the caller sees.</summary>
internal static class FailoverErrors
{
    /// <summary>The skip reason (and error code) when the budget cannot cover a candidate.</summary>
    public const string BudgetExceeded = "budget_exceeded";

    /// <summary>A provider said the request itself is wrong: no failover, a 4xx naming why.</summary>
    public static GatewayError ForStop(AdapterError error) => error.Class switch
    {
        ErrorClass.ContentFiltered => new GatewayError(400, "content_filter", Safe(error.Message, "The provider refused the content."))
        { Type = "invalid_request_error" },
        _ => new GatewayError(400, "invalid_request_error", Safe(error.Message, "The provider rejected the request as invalid.")),
    };

    public static GatewayError ForExhausted(IReadOnlyList<AttemptRecord> attempts, bool deadlineHit, DateTimeOffset now)
    {
        var detail = string.Join("; ", attempts.Select(a => a.Skipped
            ? $"{a.ModelId}: skipped ({a.SkipReason})"
            : $"{a.ModelId}: {ClassName(a.ErrorClass)}{(string.IsNullOrEmpty(a.Message) ? "" : " (" + a.Message + ")")}"));
        if (deadlineHit)
        {
            return new GatewayError(504, "gateway_timeout", $"No provider answered within the request deadline. {detail}".Trim());
        }
        if (attempts.Count > 0 && attempts.All(a => a.ErrorClass == ErrorClass.ContextLength))
        {
            return new GatewayError(400, "context_length_exceeded", $"The prompt is too long for every candidate: {detail}") { Param = "messages" };
        }
        var retryAt = attempts.Where(a => a.RetryAt > now).Select(a => a.RetryAt).Min();
        if (attempts.Any(a => a.Skipped && a.SkipReason == BudgetExceeded))
        {
            // The budget decided: a candidate it could have paid for would have been asked, whether the ones before it
            // were never sent (spent free windows) or failed (a free model down, then a paid fallback the budget cannot
            // cover). The caller gets the same answer as when the budget refuses the first candidate.
            return new GatewayError(429, BudgetExceeded, $"The budget cannot cover any candidate that is still available: {detail}")
            { RetryAt = retryAt ?? now.AddSeconds(60) };
        }
        var unavailable = attempts.All(a => a.ErrorClass is null or ErrorClass.RateLimited or ErrorClass.QuotaExhausted
            or ErrorClass.Overloaded or ErrorClass.KeyInvalid or ErrorClass.Billing or ErrorClass.ModelNotFound);
        return unavailable
            ? new GatewayError(503, "providers_unavailable", $"Every candidate is unavailable right now: {detail}") { RetryAt = retryAt ?? now.AddSeconds(30) }
            : new GatewayError(502, "upstream_failed", $"Every candidate failed: {detail}") { RetryAt = retryAt };
    }

    private static string ClassName(ErrorClass? errorClass) => errorClass switch
    {
        null => "skipped (circuit open)",
        { } c => ErrorClassNames.Of(c),
    };

    private static string Safe(string message, string fallback) => string.IsNullOrWhiteSpace(message) ? fallback : message;
}
