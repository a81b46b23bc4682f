namespace Dapr.AiProvider.Benchmark.Scenarios.FreeDay;

/// <summary>How one call of the day was answered, read from the status and the gateway's decision headers.</summary>
/// <param name="CostUsd">The <c>x-aiprovider-cost-usd</c> header: 0 for a free tier, the price of a paid model.</param>
/// <param name="Skips">How many candidates the router passed over without calling them (<c>free_window_exhausted</c> in <c>x-aiprovider-fallbacks</c>).</param>
internal sealed record CallOutcome(int Status, bool CacheHit, decimal CostUsd, string? Provider, double LatencyMs, int Skips = 0)
{
    public bool Answered => Status == 200;

    /// <summary>Answered without paying: from the cache or by a free tier.</summary>
    public bool ServedFree => Answered && (CacheHit || CostUsd == 0);

    public bool Paid => Answered && !CacheHit && CostUsd > 0;
}
