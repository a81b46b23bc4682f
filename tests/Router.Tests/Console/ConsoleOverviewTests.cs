using Dapr.AiProvider.Router.Console;

namespace Dapr.AiProvider.Router.Tests.Console;

public class ConsoleOverviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 30, 20, TimeSpan.Zero);

    private static DecisionEntry Entry(DateTimeOffset at, double latencyMs, int status = 200, string? errorClass = null, string cache = "miss",
        long costMicros = 10) =>
        new("req_" + at.Ticks + latencyMs, at, "key_1", null, "chat", "auto", false, "openai", "gpt-4o-mini", "route=auto", 1, [], cache,
            costMicros, 5, 7, latencyMs, latencyMs, status, errorClass);

    [Fact]
    public void Of_SumsTheLastThirtyMinutes_WithNearestRankP95AndErrorsByClass()
    {
        var entries = Enumerable.Range(1, 20).Select(i => Entry(Now.AddSeconds(-i), i * 10)).ToList();
        entries.Add(Entry(Now.AddSeconds(-1), 5, 429, "rate_limited", "bypass", 0));
        entries.Add(Entry(Now.AddSeconds(-2), 5, 429, null, "bypass", 0));
        entries.Add(Entry(Now.AddMinutes(-1), 1, cache: "hit", costMicros: 0));
        entries.Add(Entry(Now.AddMinutes(-45), 9_999));

        var overview = ConsoleOverview.Of(entries, Now);

        Assert.Equal(23, overview.Requests);
        Assert.Equal(2, overview.Errors);
        Assert.Equal(Math.Round(2 / 23.0, 4), overview.ErrorRatio);
        Assert.Equal(new Dictionary<string, int> { ["rate_limited"] = 1, ["status_429"] = 1 }, overview.ErrorsByClass);
        Assert.Equal(190, overview.P95LatencyMs);
        Assert.Equal(1, overview.CacheHits);
        Assert.Equal(200, overview.CostMicros);
        Assert.Equal(ConsoleOverview.Minutes, overview.Series.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 31, 0, TimeSpan.Zero), overview.To);
        Assert.Equal(22, overview.Series[^1].Requests);
        Assert.Equal(1, overview.Series[^2].Requests);
        Assert.All(overview.Series.Take(ConsoleOverview.Minutes - 2), p => Assert.Equal(0, p.Requests));
    }

    [Fact]
    public void Of_WithoutRequests_IsAllZeros()
    {
        var overview = ConsoleOverview.Of([], Now);

        Assert.Equal(0, overview.Requests);
        Assert.Equal(0, overview.ErrorRatio);
        Assert.Equal(0, overview.P95LatencyMs);
        Assert.Empty(overview.ErrorsByClass);
    }

    [Fact]
    public async Task DecisionLog_KeepsTheNewestThousand_NewestFirst_AndSignalsEachAdd()
    {
        var log = new DecisionLog();
        var change = log.NextChange();
        Assert.False(change.IsCompleted);

        for (var i = 0; i < DecisionLog.Capacity + 5; i++)
        {
            log.Add(Entry(Now.AddSeconds(i), i));
        }

        await change.WaitAsync(TimeSpan.FromSeconds(5));
        var recent = log.Recent();
        Assert.Equal(DecisionLog.Capacity, recent.Length);
        Assert.Equal(DecisionLog.Capacity + 4, recent[0].LatencyMs);
        Assert.Equal(5, recent[^1].LatencyMs);
    }

    [Theory]
    [InlineData("UTC", "2026-12-07T00:00:00+00:00")]
    [InlineData("America/Los_Angeles", "2026-12-06T08:00:00+00:00")]
    [InlineData("Not/AZone", "2026-12-07T00:00:00+00:00")]
    public void StartOfDay_FollowsTheProvidersClock(string zone, string expected)
    {
        var start = FreeTierHeadroom.StartOfDay(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), zone);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), start);
    }
}
