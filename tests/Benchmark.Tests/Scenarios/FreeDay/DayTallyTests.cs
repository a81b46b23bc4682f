using Dapr.AiProvider.Benchmark.Scenarios.FreeDay;

namespace Dapr.AiProvider.Benchmark.Tests.Scenarios.FreeDay;

/// <summary>The free-day report's arithmetic: what counts as served free, paid, a cache hit, and the shares' base.</summary>
public sealed class DayTallyTests
{
    [Fact]
    public void Of_MixedDay_CountsEachAnswerOnceAndSharesOverEveryRequest()
    {
        CallOutcome[] day =
        [
            new(200, CacheHit: false, CostUsd: 0, "groq", 10, Skips: 1),      // free tier
            new(200, CacheHit: true, CostUsd: 0, "groq", 2),                  // cache
            new(200, CacheHit: true, CostUsd: 0.004m, "openai", 3),           // cache of a paid answer: served free
            new(200, CacheHit: false, CostUsd: 0.0125m, "openai", 40, Skips: 2), // paid
            new(200, CacheHit: false, CostUsd: 0.0002m, "huggingface", 8, FreeTier: true), // paid from HF's monthly credits: free
            new(429, CacheHit: false, CostUsd: 0, null, 5),                   // refused: neither free nor paid
        ];

        var tally = DayTally.Of(day, upstream429s: 3, upstreamRequests: 7);

        Assert.Equal(6, tally.Requests);
        Assert.Equal(5, tally.Answered);
        Assert.Equal(1, tally.Failed);
        Assert.Equal(4, tally.ServedFree);
        Assert.Equal(4 * 100.0 / 6, tally.ServedFreeShare);
        Assert.Equal(2 * 100.0 / 6, tally.CacheHitShare);
        Assert.Equal(1, tally.Paid);
        Assert.Equal(0.0125m, tally.PaidCostUsd);
        Assert.Equal(0.0002m, tally.CreditsUsd);
        Assert.Equal(3, tally.Upstream429s);
        Assert.Equal(7, tally.UpstreamRequests);
        Assert.Equal(3, tally.WindowSkips);
        Assert.Equal(new Dictionary<string, int> { ["groq"] = 1, ["huggingface"] = 1, ["openai"] = 1 }, tally.ByProvider);
    }

    [Fact]
    public void Of_Latencies_AreNearestRankOverAnswersOnly()
    {
        var day = Enumerable.Range(1, 100).Select(ms => new CallOutcome(200, false, 0, "groq", ms))
            .Append(new CallOutcome(0, false, 0, null, 60_000)).ToArray();

        var tally = DayTally.Of(day, 0, 100);

        Assert.Equal(50, tally.P50Ms, 3);
        Assert.Equal(99, tally.P99Ms, 3);
    }

    [Fact]
    public void Of_NoRequests_SharesAreNotANumber()
    {
        var tally = DayTally.Of([], 0, 0);

        Assert.True(double.IsNaN(tally.ServedFreeShare));
        Assert.True(double.IsNaN(tally.P50Ms));
    }
}
