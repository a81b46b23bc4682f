using Dapr.AiProvider.Benchmark.Measure;

namespace Dapr.AiProvider.Benchmark.Scenarios.FreeDay;

/// <summary>
/// The figures of one arm's day: shares are of every request sent, cost is what the gateway reported for paid answers,
/// credits are what free tiers' monthly credits paid (Hugging Face), upstream 429s are what the simulator refused (its
/// <c>rateLimited</c> count: 429s, and Hugging Face's 402 once its credits are spent), latency is nearest-rank over answers.
/// </summary>
internal sealed record DayTally(
    int Requests, int Answered, int ServedFree, int CacheHits, int Paid, decimal PaidCostUsd, int Upstream429s,
    int UpstreamRequests, int WindowSkips, double P50Ms, double P99Ms, IReadOnlyDictionary<string, int> ByProvider, decimal CreditsUsd = 0)
{
    public double ServedFreeShare => Share(ServedFree);
    public double CacheHitShare => Share(CacheHits);
    public double PaidShare => Share(Paid);
    public int Failed => Requests - Answered;

    public static DayTally Of(IReadOnlyCollection<CallOutcome> outcomes, int upstream429s, int upstreamRequests)
    {
        var latencies = outcomes.Where(o => o.Answered)
            .Select(o => (long)(o.LatencyMs * System.Diagnostics.Stopwatch.Frequency / 1000.0)).Order().ToArray();
        var byProvider = outcomes.Where(o => o.Answered && !o.CacheHit)
            .GroupBy(o => o.Provider ?? "?", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DayTally(
            outcomes.Count,
            outcomes.Count(o => o.Answered),
            outcomes.Count(o => o.ServedFree),
            outcomes.Count(o => o.Answered && o.CacheHit),
            outcomes.Count(o => o.Paid),
            outcomes.Where(o => o.Paid).Sum(o => o.CostUsd),
            upstream429s,
            upstreamRequests,
            outcomes.Sum(o => o.Skips),
            LatencyRecorder.Ms(latencies, 0.50),
            LatencyRecorder.Ms(latencies, 0.99),
            byProvider,
            outcomes.Sum(o => o.CreditsUsd));
    }

    private double Share(int count) => Requests == 0 ? double.NaN : 100.0 * count / Requests;
}
