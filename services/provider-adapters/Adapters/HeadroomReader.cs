using System.Net.Http.Headers;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Remaining requests/tokens from rate-limit headers (OpenAI durations, Anthropic RFC 3339 resets).</summary>
internal static class HeadroomReader
{
    public static ProviderHeadroom? OpenAi(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var requests = HeaderValues.Long(headers, "x-ratelimit-remaining-requests");
        var tokens = HeaderValues.Long(headers, "x-ratelimit-remaining-tokens");
        if (requests is null && tokens is null)
        {
            return null;
        }
        return new ProviderHeadroom
        {
            RemainingRequests = requests,
            RemainingTokens = tokens,
            RequestsResetAt = RetryTiming.FromDuration(HeaderValues.First(headers, "x-ratelimit-reset-requests"), now),
            TokensResetAt = RetryTiming.FromDuration(HeaderValues.First(headers, "x-ratelimit-reset-tokens"), now),
        };
    }

    public static ProviderHeadroom? Anthropic(HttpResponseHeaders headers)
    {
        var requests = HeaderValues.Long(headers, "anthropic-ratelimit-requests-remaining");
        var tokens = HeaderValues.Long(headers, "anthropic-ratelimit-tokens-remaining") ?? HeaderValues.Long(headers, "anthropic-ratelimit-input-tokens-remaining");
        if (requests is null && tokens is null)
        {
            return null;
        }
        return new ProviderHeadroom
        {
            RemainingRequests = requests,
            RemainingTokens = tokens,
            RequestsResetAt = RetryTiming.FromTimestamp(HeaderValues.First(headers, "anthropic-ratelimit-requests-reset")),
            TokensResetAt = RetryTiming.FromTimestamp(HeaderValues.First(headers, "anthropic-ratelimit-tokens-reset")
                ?? HeaderValues.First(headers, "anthropic-ratelimit-input-tokens-reset")),
        };
    }
}
