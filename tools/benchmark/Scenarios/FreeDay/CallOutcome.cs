namespace Dapr.AiProvider.Benchmark.Scenarios.FreeDay;

/// <summary>How one call of the day was answered, read from the status and the gateway's decision headers.</summary>
/// <param name="CostUsd">The <c>x-aiprovider-cost-usd</c> header: 0 for a free tier, the price of a paid model, and the
/// price of a free tier paid from monthly credits (Hugging Face).</param>
/// <param name="FreeTier">The <c>x-aiprovider-free-tier</c> header: a free tier answered, whatever its credits paid.</param>
/// <param name="Skips">How many candidates the router passed over without calling them (<c>free_window_exhausted</c> in <c>x-aiprovider-fallbacks</c>).</param>
internal sealed record CallOutcome(int Status, bool CacheHit, decimal CostUsd, string? Provider, double LatencyMs, int Skips = 0, bool FreeTier = false)
{
    public bool Answered => Status == 200;

    /// <summary>Answered without paying: from the cache or by a free tier (its monthly credits included).</summary>
    public bool ServedFree => Answered && (CacheHit || FreeTier || CostUsd == 0);

    public bool Paid => Answered && !ServedFree;

    /// <summary>What a free tier's monthly credits paid for this answer (0 for other answers).</summary>
    public decimal CreditsUsd => Answered && !CacheHit && FreeTier ? CostUsd : 0;
}
