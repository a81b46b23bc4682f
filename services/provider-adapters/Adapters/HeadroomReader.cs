using System.Globalization;
using System.Net.Http.Headers;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>Remaining requests/tokens from rate-limit headers (OpenAI durations, Anthropic RFC 3339 resets).</summary>
internal static class HeadroomReader
{
    public static ProviderHeadroom? OpenAi(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var requests = Long(headers, "x-ratelimit-remaining-requests");
        var tokens = Long(headers, "x-ratelimit-remaining-tokens");
        if (requests is null && tokens is null)
        {
            return null;
        }
        return new ProviderHeadroom
        {
            RemainingRequests = requests,
            RemainingTokens = tokens,
            RequestsResetAt = RetryTiming.FromDuration(First(headers, "x-ratelimit-reset-requests"), now),
            TokensResetAt = RetryTiming.FromDuration(First(headers, "x-ratelimit-reset-tokens"), now),
        };
    }

    public static ProviderHeadroom? Anthropic(HttpResponseHeaders headers)
    {
        var requests = Long(headers, "anthropic-ratelimit-requests-remaining");
        var tokens = Long(headers, "anthropic-ratelimit-tokens-remaining") ?? Long(headers, "anthropic-ratelimit-input-tokens-remaining");
        if (requests is null && tokens is null)
        {
            return null;
        }
        return new ProviderHeadroom
        {
            RemainingRequests = requests,
            RemainingTokens = tokens,
            RequestsResetAt = RetryTiming.FromTimestamp(First(headers, "anthropic-ratelimit-requests-reset")),
            TokensResetAt = RetryTiming.FromTimestamp(First(headers, "anthropic-ratelimit-tokens-reset")
                ?? First(headers, "anthropic-ratelimit-input-tokens-reset")),
        };
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static long? Long(HttpResponseHeaders headers, string name) =>
        long.TryParse(First(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
