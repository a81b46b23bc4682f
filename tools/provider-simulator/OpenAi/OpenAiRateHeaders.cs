using Dapr.AiProvider.ProviderSimulator.Core;

namespace Dapr.AiProvider.ProviderSimulator.OpenAi;

/// <summary>OpenAI's <c>x-ratelimit-*</c> headers; resets are Go durations such as <c>6m0s</c> or <c>12ms</c>.</summary>
internal static class OpenAiRateHeaders
{
    public static void Add(HttpResponse response, RateSnapshot rate)
    {
        var headers = response.Headers;
        headers["x-ratelimit-limit-requests"] = WireFormat.Integer(rate.RequestLimit);
        headers["x-ratelimit-limit-tokens"] = WireFormat.Integer(rate.TokenLimit);
        headers["x-ratelimit-remaining-requests"] = WireFormat.Integer(rate.RequestsRemaining);
        headers["x-ratelimit-remaining-tokens"] = WireFormat.Integer(rate.TokensRemaining);
        // Requests refill one at a time; tokens refill continuously, so their reset is short.
        headers["x-ratelimit-reset-requests"] = WireFormat.GoDuration(
            TimeSpan.FromMilliseconds(60_000.0 * (rate.RequestLimit - rate.RequestsRemaining) / rate.RequestLimit));
        headers["x-ratelimit-reset-tokens"] = WireFormat.GoDuration(
            TimeSpan.FromMilliseconds(Math.Max(1, 60_000.0 * (rate.TokenLimit - rate.TokensRemaining) / rate.TokenLimit)));
        headers["openai-processing-ms"] = "1";
        headers["x-request-id"] = "req_" + Guid.NewGuid().ToString("N");
    }
}
