using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.Gemini;

/// <summary>
/// Google API errors <c>{"error":{"code","message","status","details"}}</c>; 429s carry QuotaFailure
/// (the quotaId names the window) and RetryInfo, and never a Retry-After header.
/// </summary>
internal static class GeminiErrors
{
    private const string KeyInvalidMessage = "API key not valid. Please pass a valid API key.";

    public static ErrorReply Error(int code, string status, string message, Action<Utf8JsonWriter>? details = null) =>
        new(code, JsonText.Write(w =>
        {
            w.WriteStartObject();
            WriteError(w, code, status, message, details);
            w.WriteEndObject();
        }));

    public static void WriteError(Utf8JsonWriter w, int code, string status, string message, Action<Utf8JsonWriter>? details = null)
    {
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteString("status", status);
        if (details is not null)
        {
            w.WriteStartArray("details");
            details(w);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static ErrorReply Invalid(string message) => Error(400, "INVALID_ARGUMENT", message);

    public static ErrorReply KeyInvalid() => Error(400, "INVALID_ARGUMENT", KeyInvalidMessage, w =>
    {
        w.WriteStartObject();
        w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        w.WriteString("reason", "API_KEY_INVALID");
        w.WriteString("domain", "googleapis.com");
        w.WriteStartObject("metadata");
        w.WriteString("service", "generativelanguage.googleapis.com");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("@type", "type.googleapis.com/google.rpc.LocalizedMessage");
        w.WriteString("locale", "en-US");
        w.WriteString("message", KeyInvalidMessage);
        w.WriteEndObject();
    });

    public static ErrorReply MissingKey() => Error(403, "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    public static ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        // The free tier since December 2025: 2.5 Flash 5 RPM / 20 RPD (or the limiter's window when it refused).
        FaultKind.RateLimited => Exhausted(c, QuotaId(c.Limit, false), LimitOf(c, 5)),
        FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs =>
            RetryAfter.Add(Exhausted(c, QuotaId(c.Limit, false), LimitOf(c, 5)), fault, c),
        FaultKind.QuotaExhausted => Exhausted(c, QuotaId(c.Limit, true), LimitOf(c, 20)),
        FaultKind.QuotaZero => Exhausted(c, "GenerateRequestsPerDayPerProjectPerModel-FreeTier", 0),
        FaultKind.Overloaded => Error(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
        FaultKind.KeyInvalid => KeyInvalid(),
        FaultKind.Billing => Error(400, "FAILED_PRECONDITION",
            "Gemini API free tier is not available in your country. Please enable billing on your project in Google AI Studio."),
        FaultKind.ContextLength => Invalid(
            $"The input token count ({1_048_576 + c.PromptTokens}) exceeds the maximum number of tokens allowed (1048576)."),
        FaultKind.ModelNotFound => Error(404, "NOT_FOUND",
            $"models/{c.Model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."),
        _ => Error(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
    };

    public static void WriteOverloaded(Utf8JsonWriter w) => WriteError(w, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

    private static string QuotaId(Limits.LimitHit? hit, bool daily) => hit?.Metric == "tokens"
        ? (daily ? "GenerateContentInputTokensPerModelPerDay-FreeTier" : "GenerateContentInputTokensPerModelPerMinute-FreeTier")
        : (daily ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");

    private static int LimitOf(FaultContext c, int published) => c.Limit is { } hit ? (int)Math.Min(hit.Limit, int.MaxValue) : published;

    private static ErrorReply Exhausted(FaultContext c, string quotaId, int limit)
    {
        var delay = WireFormat.ProtoDuration(c.RetryAfterSeconds);
        var message = "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n"
            + $"* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: {limit}, model: {c.Model}\nPlease retry in {delay}.";
        return Error(429, "RESOURCE_EXHAUSTED", message, w =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.rpc.QuotaFailure");
            w.WriteStartArray("violations");
            w.WriteStartObject();
            w.WriteString("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests");
            w.WriteString("quotaId", quotaId);
            w.WriteStartObject("quotaDimensions");
            w.WriteString("location", "global");
            w.WriteString("model", c.Model);
            w.WriteEndObject();
            w.WriteString("quotaValue", WireFormat.Integer(limit));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.rpc.Help");
            w.WriteStartArray("links");
            w.WriteStartObject();
            w.WriteString("description", "Learn more about Gemini API quotas");
            w.WriteString("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
            w.WriteString("retryDelay", delay);
            w.WriteEndObject();
        });
    }
}
