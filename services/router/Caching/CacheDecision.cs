using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Whether to read and/or write the cache for one request, from its parameters and headers.</summary>
public sealed record CacheDecision(bool Lookup, bool Store, int TtlSeconds)
{
    public static readonly CacheDecision Bypass = new(false, false, 0);

    /// <summary>
    /// Cacheable when deterministic (temperature 0, or no temperature for a task type cached by default) or forced
    /// (<c>x-aiprovider-cache: force</c>); <c>Cache-Control: no-cache</c> skips the lookup but still stores;
    /// <c>no-store</c> does neither.
    /// </summary>
    public static CacheDecision For(
        ChatCompletionRequest request, string? cacheControl, string? cacheHeader, int ttlSeconds, bool enabled, bool cachedByDefault = false)
    {
        if (!enabled || ttlSeconds <= 0 || string.Equals(cacheHeader, "bypass", StringComparison.OrdinalIgnoreCase))
        {
            return Bypass;
        }
        var forced = string.Equals(cacheHeader, "force", StringComparison.OrdinalIgnoreCase);
        var deterministic = (request.Temperature is 0d || (cachedByDefault && request.Temperature is null)) && request.N is null or 1;
        if (!forced && !deterministic)
        {
            return Bypass;
        }
        var directives = cacheControl ?? "";
        if (directives.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            return Bypass;
        }
        var lookup = !directives.Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        return new CacheDecision(lookup, true, ttlSeconds);
    }
}
