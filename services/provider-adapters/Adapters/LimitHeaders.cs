using System.Globalization;
using System.Net.Http.Headers;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.ProviderAdapters.Configuration;
using Dapr.AiProvider.ProviderAdapters.Errors;

namespace Dapr.AiProvider.ProviderAdapters.Adapters;

/// <summary>
/// The limits and headroom each provider's rate-limit headers state, in its own dialect
/// (<see cref="RateLimitDialects"/>): the same <c>x-ratelimit-limit-requests</c> is per minute at OpenAI and per
/// day at Groq; Cerebras spells the window out (<c>x-ratelimit-limit-requests-day</c>, <c>…-tokens-minute</c>).
/// </summary>
internal static class LimitHeaders
{
    /// <summary>The limits stated, or null when the headers state none.</summary>
    public static IReadOnlyList<LearnedLimit>? Limits(string dialect, HttpResponseHeaders headers)
    {
        if (Names(dialect) is not { } names)
        {
            return null;
        }
        var (requestsName, requestsWindow, tokensName, tokensWindow) = names;
        var limits = new List<LearnedLimit>(2);
        if (HeaderValues.Long(headers, requestsName) is { } requests && requests > 0)
        {
            limits.Add(new LearnedLimit { Metric = "requests", Window = requestsWindow, Limit = requests });
        }
        if (HeaderValues.Long(headers, tokensName) is { } tokens && tokens > 0)
        {
            limits.Add(new LearnedLimit { Metric = "tokens", Window = tokensWindow, Limit = tokens });
        }
        return limits.Count > 0 ? limits : null;
    }

    /// <summary>The family's headroom with the dialect's limits added (Cerebras' own remaining/reset names read here).</summary>
    public static ProviderHeadroom? WithLimits(ProviderHeadroom? headroom, string dialect, HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (dialect == RateLimitDialects.Cerebras && headroom is null)
        {
            var requests = HeaderValues.Long(headers, "x-ratelimit-remaining-requests-day");
            var tokens = HeaderValues.Long(headers, "x-ratelimit-remaining-tokens-minute");
            if (requests is not null || tokens is not null)
            {
                headroom = new ProviderHeadroom
                {
                    RemainingRequests = requests,
                    RemainingTokens = tokens,
                    RequestsResetAt = Seconds(headers, "x-ratelimit-reset-requests-day", now),
                    TokensResetAt = Seconds(headers, "x-ratelimit-reset-tokens-minute", now),
                };
            }
        }
        return headroom is null ? null : headroom with { Limits = Limits(dialect, headers) };
    }

    /// <summary>The limit headers' full names (constants: no name is built per call) and the windows they count.</summary>
    private static (string Requests, QuotaWindowKind RequestsWindow, string Tokens, QuotaWindowKind TokensWindow)? Names(string dialect) => dialect switch
    {
        RateLimitDialects.OpenAi => ("x-ratelimit-limit-requests", QuotaWindowKind.Minute, "x-ratelimit-limit-tokens", QuotaWindowKind.Minute),
        RateLimitDialects.Groq => ("x-ratelimit-limit-requests", QuotaWindowKind.Day, "x-ratelimit-limit-tokens", QuotaWindowKind.Minute),
        RateLimitDialects.Cerebras => ("x-ratelimit-limit-requests-day", QuotaWindowKind.Day, "x-ratelimit-limit-tokens-minute", QuotaWindowKind.Minute),
        _ => null,
    };

    private static DateTimeOffset? Seconds(HttpResponseHeaders headers, string name, DateTimeOffset now) =>
        double.TryParse(HeaderValues.First(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? now.AddSeconds(seconds)
            : RetryTiming.FromDuration(HeaderValues.First(headers, name), now);
}
