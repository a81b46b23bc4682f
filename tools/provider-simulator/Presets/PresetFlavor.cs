using System.Globalization;
using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;
using Dapr.AiProvider.ProviderSimulator.Limits;
using Dapr.AiProvider.ProviderSimulator.OpenAi;

namespace Dapr.AiProvider.ProviderSimulator.Presets;

/// <summary>
/// The OpenAI-compatible free tiers: Groq, Cerebras, Mistral, OpenRouter and Cloudflare Workers AI (its
/// <c>/ai/v1</c> OpenAI-compatible endpoint). Answers are OpenAI-shaped; what differs is each one's 429 (body and
/// rate-limit header dialect) and Cloudflare's <c>{"errors":[…],"success":false}</c> error envelope.
/// </summary>
internal sealed class PresetFlavor(string provider) : IOpenAiFlavor
{
    public string Provider => provider;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey) =>
        BearerAuth.Token(request) == expectedKey ? null : Error(401, "Invalid API Key", "invalid_request_error", "invalid_api_key", 10000);

    public ErrorReply BadRequest(string message, string? param, string? code) => Error(400, message, "invalid_request_error", code, 5006);

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs =>
            RetryAfter.Add(OverLimit(c, c.Limit ?? Published(c, daily: false)), fault, c),
        FaultKind.QuotaExhausted or FaultKind.QuotaZero => OverLimit(c, c.Limit ?? Published(c, daily: true)),
        FaultKind.Overloaded => Error(503, "Service Unavailable: the model is over capacity, please try again.", "server_error", "over_capacity", 3040),
        FaultKind.KeyInvalid => Error(401, "Invalid API Key", "invalid_request_error", "invalid_api_key", 10000),
        FaultKind.Billing => Error(402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits", "billing", "payment_required", 3041),
        FaultKind.ContextLength => Error(400,
            $"Please reduce the length of the messages or completion. This model's maximum context length is 8192 tokens; you requested {8192 + c.PromptTokens}.",
            "invalid_request_error", "context_length_exceeded", 5021),
        FaultKind.ModelNotFound => Error(404, $"The model `{c.Model}` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", 5007),
        FaultKind.ModelRetired => Error(400, $"The model `{c.Model}` has been decommissioned and is no longer supported.", "invalid_request_error", "model_decommissioned", 5007),
        _ => Error(500, "Internal server error", "server_error", null, 3043),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate) =>
        response.Headers["x-request-id"] = "req_" + Guid.NewGuid().ToString("N");

    public void WriteInBandError(Utf8JsonWriter writer, FaultContext context) =>
        WriteError(writer, "Internal server error while streaming.", "server_error", null);

    /// <summary>The window's published figure when a scripted fault (not the limiter) plays the 429.</summary>
    private static LimitHit Published(FaultContext c, bool daily)
    {
        var limit = new FreeTierOptions().Effective()
            .FirstOrDefault(l => l.Provider == c.Provider && (l.Model == c.Model || l.IsAccountWide));
        var max = (daily ? limit?.Rpd : limit?.Rpm) ?? (daily ? 1000 : 30);
        var seconds = daily ? c.DailyRetryAfterSeconds : c.RetryAfterSeconds;
        return new LimitHit("requests", daily, max, max, seconds, c.Now.AddSeconds(seconds));
    }

    private ErrorReply OverLimit(FaultContext c, LimitHit hit) => provider switch
    {
        Providers.Groq => GroqLimit(c, hit),
        Providers.Cerebras => CerebrasLimit(hit),
        Providers.OpenRouter => OpenRouterLimit(hit),
        Providers.Cloudflare => Envelope(429, hit.Daily
            ? "you have used up your daily free allocation of 10,000 neurons, please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage."
            : "Capacity temporarily exceeded, please try again.", hit.Daily ? 4006 : 3040)
            .WithHeader("retry-after", Whole(hit.RetryAfterSeconds)),
        _ => new ErrorReply(429, JsonText.Write(w =>
            {
                // Mistral: {"object":"error","message":"Requests rate limit exceeded","type":"rate_limited",…}
                w.WriteStartObject();
                w.WriteString("object", "error");
                w.WriteString("message", hit.Metric == "tokens" ? "Tokens rate limit exceeded" : "Requests rate limit exceeded");
                w.WriteString("type", "rate_limited");
                w.WriteNull("param");
                w.WriteString("code", "1300");
                w.WriteEndObject();
            })).WithHeader("retry-after", Whole(hit.RetryAfterSeconds)),
    };

    /// <summary>Groq: <c>x-ratelimit-limit-requests</c> is the day (RPD), <c>-tokens</c> the minute (TPM).</summary>
    private static ErrorReply GroqLimit(FaultContext c, LimitHit hit)
    {
        var window = (hit.Metric, hit.Daily) switch
        {
            ("requests", true) => "requests per day (RPD)",
            ("requests", false) => "requests per minute (RPM)",
            ("tokens", true) => "tokens per day (TPD)",
            _ => "tokens per minute (TPM)",
        };
        var wait = WireFormat.GoDuration(TimeSpan.FromSeconds(hit.RetryAfterSeconds));
        var published = PublishedFreeTiers.All.FirstOrDefault(l => l.Provider == Providers.Groq && l.Model == c.Model);
        var rpd = hit is { Metric: "requests", Daily: true } ? hit.Limit : published?.Rpd ?? 14_400;
        var tpm = hit is { Metric: "tokens", Daily: false } ? hit.Limit : published?.Tpm ?? 6_000;
        return new ErrorReply(429, OpenAiWire.ErrorBody(
                $"Rate limit reached for model `{c.Model}` in organization `org_simulated` service tier `on_demand` on {window}: Limit {hit.Limit}, Used {hit.Used}, Requested 1. Please try again in {wait}. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing",
                hit.Metric, null, "rate_limit_exceeded"))
            .WithHeader("retry-after", Whole(hit.RetryAfterSeconds))
            .WithHeader("x-ratelimit-limit-requests", Number(rpd))
            .WithHeader("x-ratelimit-remaining-requests", hit is { Metric: "requests", Daily: true } ? "0" : Number(rpd - 1))
            .WithHeader("x-ratelimit-reset-requests", hit.Daily ? wait : "2m52.8s")
            .WithHeader("x-ratelimit-limit-tokens", Number(tpm))
            .WithHeader("x-ratelimit-remaining-tokens", hit is { Metric: "tokens", Daily: false } ? "0" : Number(tpm))
            .WithHeader("x-ratelimit-reset-tokens", hit.Daily ? "0s" : wait);
    }

    /// <summary>Cerebras: <c>x-ratelimit-*-requests-day</c> and <c>*-tokens-minute</c>, resets in seconds.</summary>
    private static ErrorReply CerebrasLimit(LimitHit hit) =>
        new ErrorReply(429, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("message", $"{(hit.Metric == "tokens" ? "Tokens" : "Requests")} per {(hit.Daily ? "day" : "minute")} limit exceeded - too many {hit.Metric} {(hit.Metric == "tokens" ? "processed" : "sent")}.");
                w.WriteString("type", "too_many_requests_error");
                w.WriteString("param", "quota");
                w.WriteString("code", hit.Metric == "tokens" ? "token_quota_exceeded" : "request_quota_exceeded");
                w.WriteEndObject();
            }))
            .WithHeader("retry-after", Whole(hit.RetryAfterSeconds))
            .WithHeader("x-ratelimit-limit-requests-day", Number(hit is { Metric: "requests", Daily: true } ? hit.Limit : 14_400))
            .WithHeader("x-ratelimit-remaining-requests-day", hit is { Metric: "requests", Daily: true } ? "0" : "14399")
            .WithHeader("x-ratelimit-reset-requests-day", Decimal(hit.Daily ? hit.RetryAfterSeconds : 33011.38))
            .WithHeader("x-ratelimit-limit-tokens-minute", Number(hit is { Metric: "tokens", Daily: false } ? hit.Limit : 60_000))
            .WithHeader("x-ratelimit-remaining-tokens-minute", hit is { Metric: "tokens", Daily: false } ? "0" : "60000")
            .WithHeader("x-ratelimit-reset-tokens-minute", Decimal(hit.Daily ? 11.38 : hit.RetryAfterSeconds));

    /// <summary>OpenRouter: "free-models-per-day" / "-per-min", the limit echoed in metadata and X-RateLimit-* (reset in epoch ms).</summary>
    private static ErrorReply OpenRouterLimit(LimitHit hit)
    {
        var reset = hit.ResetAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return new ErrorReply(429, JsonText.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("message", hit.Daily
                    ? $"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day"
                    : "Rate limit exceeded: free-models-per-min. ");
                w.WriteNumber("code", 429);
                w.WriteStartObject("metadata");
                w.WriteStartObject("headers");
                w.WriteString("X-RateLimit-Limit", Number(hit.Limit));
                w.WriteString("X-RateLimit-Remaining", "0");
                w.WriteString("X-RateLimit-Reset", reset);
                w.WriteEndObject();
                w.WriteNull("provider_name");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteString("user_id", "user_simulated");
                w.WriteEndObject();
            }))
            .WithHeader("X-RateLimit-Limit", Number(hit.Limit))
            .WithHeader("X-RateLimit-Remaining", "0")
            .WithHeader("X-RateLimit-Reset", reset);
    }

    private ErrorReply Error(int status, string message, string type, string? code, int cloudflareCode) =>
        provider == Providers.Cloudflare
            ? Envelope(status, message, cloudflareCode)
            : new ErrorReply(status, OpenAiWire.ErrorBody(message, type, null, code));

    /// <summary>Cloudflare's API envelope: <c>{"result":null,"success":false,"errors":[{"code","message"}],"messages":[]}</c>.</summary>
    private static ErrorReply Envelope(int status, string message, int code) =>
        new(status, JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNull("result");
            w.WriteBoolean("success", false);
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("messages");
            w.WriteEndArray();
            w.WriteEndObject();
        }));

    private static void WriteError(Utf8JsonWriter w, string message, string type, string? code) =>
        OpenAiWire.WriteError(w, message, type, null, code);

    private static string Whole(double seconds) => ((long)Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
