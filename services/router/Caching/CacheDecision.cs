using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.Router.Caching;

/// <summary>Whether to read and/or write the cache for one request, from its parameters and headers.</summary>
internal sealed record CacheDecision(bool Lookup, bool Store, int TtlSeconds)
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
        var forced = string.Equals(cacheHeader, "force", StringComparison.OrdinalIgnoreCase);
        var deterministic = (request.Temperature is 0d || (cachedByDefault && request.Temperature is null)) && request.N is null or 1;
        return forced || deterministic ? ForDeterministic(cacheControl, cacheHeader, ttlSeconds, enabled) : Bypass;
    }

    /// <summary>For an answer that the same request always gets (embeddings; a deterministic completion): only the switches and headers decide.</summary>
    public static CacheDecision ForDeterministic(string? cacheControl, string? cacheHeader, int ttlSeconds, bool enabled)
    {
        var directives = cacheControl ?? "";
        if (!enabled || ttlSeconds <= 0 || string.Equals(cacheHeader, "bypass", StringComparison.OrdinalIgnoreCase)
            || directives.Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            return Bypass;
        }
        return new CacheDecision(!directives.Contains("no-cache", StringComparison.OrdinalIgnoreCase), true, ttlSeconds);
    }
}
