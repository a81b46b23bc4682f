using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;

namespace Dapr.AiProvider.ProviderAdapters.Pricing;

/// <summary>
/// Exact cost in integer micro-dollars. Each kind of token is priced at its own rate:
/// uncached input = InputTokens − CachedInputTokens − CacheWriteTokens at the input rate, cached reads
/// at the cached rate, cache writes at the cache-write rate, output (reasoning included) at the
/// output rate. The products are summed exactly (in micro-dollars × 1M) and divided once, rounding
/// <b>up</b> to the next whole micro-dollar, so a budget never under-counts and rounding never
/// accumulates per token kind. A missing price costs 0 (free-tier models are listed at 0).
/// </summary>
internal static class CostCalculator
{
    private const long TokensPerPriceUnit = 1_000_000;

    public static long CostMicros(TokenUsage usage, ModelPrice? price)
    {
        if (price is null)
        {
            return 0;
        }
        long uncached = Math.Max(0, usage.InputTokens - usage.CachedInputTokens - usage.CacheWriteTokens);
        Int128 scaled = (Int128)uncached * price.InputPerMTokMicros
            + (Int128)usage.CachedInputTokens * price.CachedInputPerMTokMicros
            + (Int128)usage.CacheWriteTokens * price.CacheWritePerMTokMicros
            + (Int128)usage.OutputTokens * price.OutputPerMTokMicros;
        var micros = (scaled + TokensPerPriceUnit - 1) / TokensPerPriceUnit;
        return (long)micros;
    }
}
