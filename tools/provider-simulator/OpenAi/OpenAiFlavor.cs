using System.Text.Json;
using Dapr.AiProvider.ProviderSimulator.Core;
using Dapr.AiProvider.ProviderSimulator.Faults;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>api.openai.com: bearer keys, <c>x-ratelimit-*</c> headers on every response, OpenAI's error bodies.</summary>
internal sealed class OpenAiFlavor : IOpenAiFlavor
{
    public string Provider => Providers.OpenAi;

    public ErrorReply? Authenticate(HttpRequest request, string expectedKey)
    {
        var token = BearerAuth.Token(request);
        if (string.IsNullOrEmpty(token))
        {
            return new ErrorReply(401, OpenAiWire.ErrorBody(
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, null));
        }
        return token == expectedKey ? null : InvalidKey(token);
    }

    public ErrorReply BadRequest(string message, string? param, string? code) =>
        new(400, OpenAiWire.ErrorBody(message, "invalid_request_error", param, code));

    public ErrorReply Fault(FaultKind fault, FaultContext c) => fault switch
    {
        FaultKind.RateLimited or FaultKind.RetryAfterHttpDate or FaultKind.RetryAfterMs => RateLimited(fault, c),
        FaultKind.QuotaExhausted or FaultKind.QuotaZero => new ErrorReply(429, OpenAiWire.ErrorBody(
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            "insufficient_quota", null, "insufficient_quota")),
        FaultKind.Overloaded => new ErrorReply(503, OpenAiWire.ErrorBody(
            "The engine is currently overloaded, please try again later.", "server_error", null, null)),
        FaultKind.KeyInvalid => InvalidKey("sk-sim-revoked-key-0000"),
        FaultKind.Billing => new ErrorReply(402, OpenAiWire.ErrorBody(
            "Your account is not active, please check your billing details on our website.", "billing_not_active", null, "billing_not_active")),
        FaultKind.ContextLength => new ErrorReply(400, OpenAiWire.ErrorBody(
            $"This model's maximum context length is 128000 tokens. However, your messages resulted in {128000 + c.PromptTokens} tokens. Please reduce the length of the messages.",
            "invalid_request_error", "messages", "context_length_exceeded")),
        FaultKind.ModelNotFound => new ErrorReply(404, OpenAiWire.ErrorBody(
            $"The model `{c.Model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found")),
        FaultKind.ModelRetired => new ErrorReply(404, OpenAiWire.ErrorBody(
            $"The model `{c.Model}` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations",
            "invalid_request_error", null, "model_not_found")),
        _ => new ErrorReply(500, OpenAiWire.ErrorBody(
            "The server had an error while processing your request. Sorry about that!", "server_error", null, null)),
    };

    public void AddResponseHeaders(HttpResponse response, RateSnapshot rate) => OpenAiRateHeaders.Add(response, rate);

    public void WriteInBandError(Utf8JsonWriter writer, FaultContext context) =>
        OpenAiWire.WriteError(writer, "The server had an error while processing your request. Sorry about that!", "server_error", null, null);

    private static ErrorReply InvalidKey(string key) => new(401, OpenAiWire.ErrorBody(
        $"Incorrect API key provided: {BearerAuth.Mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error", null, "invalid_api_key"));

    private static ErrorReply RateLimited(FaultKind fault, FaultContext c)
    {
        var reset = WireFormat.GoDuration(TimeSpan.FromSeconds(c.RetryAfterSeconds));
        var reply = new ErrorReply(429, OpenAiWire.ErrorBody(
            $"Rate limit reached for {c.Model} in organization org-simulated on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in {reset}. Visit https://platform.openai.com/account/rate-limits to learn more.",
            "requests", null, "rate_limit_exceeded"))
            .WithHeader("x-ratelimit-limit-requests", "500")
            .WithHeader("x-ratelimit-remaining-requests", "0")
            .WithHeader("x-ratelimit-reset-requests", reset)
            .WithHeader("x-ratelimit-limit-tokens", "200000")
            .WithHeader("x-ratelimit-remaining-tokens", "199000")
            .WithHeader("x-ratelimit-reset-tokens", "300ms");
        return RetryAfter.Add(reply, fault, c);
    }
}
