using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Anthropic;

/// <summary>Anthropic error bodies: <c>{"type":"error","error":{"type","message"[,"details"]},"request_id"}</c>.</summary>
internal static class AnthropicErrors
{
    public static ErrorReply Error(int status, string type, string message, string? errorCode = null) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", type);
            w.WriteString("message", message);
            if (errorCode is not null)
            {
                w.WriteStartObject("details");
                w.WriteString("error_code", errorCode);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("request_id", NewRequestId());
            w.WriteEndObject();
        }));

    public static ErrorReply Invalid(string message) => Error(400, "invalid_request_error", message);

    public static ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs => RetryAfter.Add(
            Error(429, "rate_limit_error",
                "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.")
                .WithHeader("anthropic-ratelimit-requests-limit", "50")
                .WithHeader("anthropic-ratelimit-requests-remaining", "0")
                .WithHeader("anthropic-ratelimit-requests-reset", WireFormat.Rfc3339(c.RetryAt)),
            fault, c),
        FaultKind.QuotaExhausted or FaultKind.QuotaZero => Error(429, "rate_limit_error",
            $"You have reached your specified API usage limits. You will regain access on {NextMonth(c.Now):yyyy-MM-dd} at 00:00 UTC.",
            "enforced_spend_limit_reached"),
        FaultKind.Overloaded => Error(529, "overloaded_error", "Overloaded"),
        FaultKind.KeyInvalid => Error(401, "authentication_error", "invalid x-api-key"),
        FaultKind.Billing => Error(402, "billing_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."),
        FaultKind.ContextLength => Invalid($"prompt is too long: {200_000 + c.PromptTokens} tokens > 200000 maximum"),
        FaultKind.ModelNotFound => Error(404, "not_found_error", "model: " + c.Model),
        _ => Error(500, "api_error", "Internal server error"),
    };

    public static string NewRequestId() => "req_011C" + Guid.NewGuid().ToString("N")[..20];

    private static DateTime NextMonth(DateTimeOffset now) => new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
}
