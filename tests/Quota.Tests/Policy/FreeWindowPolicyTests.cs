using Dapr.AiProvider.Contracts.Quota;
using static Dapr.AiProvider.Quota.Tests.Policy.PolicyFixture;

namespace Dapr.AiProvider.Quota.Tests.Policy;

/// <summary>Provider free-tier windows leased from a scope that follows the catalog (<see cref="LeaseRequest.Defaults"/>).</summary>
public sealed class FreeWindowPolicyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 30, TimeSpan.Zero);

    // Gemini 2.5 Flash free tier as in providers.json: 5 RPM, 20 RPD, the day starting at midnight Pacific.
    private static QuotaLimits GeminiFlash(long rpd = 20) => Limits(
        Rule(QuotaMetric.Requests, QuotaPeriod.Minute, 5, zone: "America/Los_Angeles"),
        Rule(QuotaMetric.Requests, QuotaPeriod.Day, rpd, zone: "America/Los_Angeles"));

    private static LeaseRequest Window(QuotaLimits defaults, string holder = "router-a") =>
        Ask(requests: 1, holder: holder) with { Defaults = defaults };

    [Fact]
    public void Acquire_NewScopeWithDefaults_FollowsThePublishedWindows()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(new QuotaLimits());

        var grants = Enumerable.Range(0, 6).Select(i => policy.Acquire(state, Window(GeminiFlash(), i % 2 == 0 ? "router-a" : "router-b"))).ToList();

        Assert.Equal(5, grants.Sum(g => g.Requests)); // two holders together: never more than the 5 a minute
        Assert.True(grants[5].Exhausted);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 1, 0, TimeSpan.Zero), grants[5].BlockedUntil);
        Assert.True(state.CatalogLimits);
    }

    [Fact]
    public void Acquire_Headroom_IsTheShareLeftOfTheTightestWindow()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(new QuotaLimits());

        var first = policy.Acquire(state, Window(GeminiFlash()));
        var second = policy.Acquire(state, Window(GeminiFlash()));

        Assert.Equal(0.8, first.Headroom!.Value, 6); // 4 of 5 left this minute (19 of 20 today is roomier)
        Assert.Equal(0.6, second.Headroom!.Value, 6);
    }

    [Fact]
    public void Acquire_MinuteWindow_LeaseEndsWithTheMinute()
    {
        var (policy, _) = Create(Noon.AddSeconds(20)); // 12:00:50; the lease duration (30 s) would reach 12:01:20
        var windows = policy.Create(new QuotaLimits());
        var budget = policy.Create(Limits(Rule(QuotaMetric.CostMicros, QuotaPeriod.Month, 1_000)));

        var grant = policy.Acquire(windows, Window(GeminiFlash()));
        var slice = policy.Acquire(budget, Ask(cost: 5));

        // Spent after 12:01 its rest would count in no window, and the next minute's five could all be granted too.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 1, 0, TimeSpan.Zero), grant.ExpiresAt);
        Assert.Equal(Noon.AddSeconds(20) + LeaseDuration, slice.ExpiresAt);
    }

    [Fact]
    public void Acquire_ExplicitLimits_AreNotReplacedByDefaults()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Minute, 2)));

        var grants = Enumerable.Range(0, 3).Select(_ => policy.Acquire(state, Window(GeminiFlash()))).ToList();

        Assert.Equal(2, grants.Sum(g => g.Requests));
        Assert.False(state.CatalogLimits);
    }

    [Fact]
    public void Acquire_CatalogChanges_WindowsFollowAndKeepTheirUsage()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(new QuotaLimits());
        var lease = policy.Acquire(state, Window(GeminiFlash(rpd: 20)));
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(lease.LeaseId, requests: 1));

        policy.Acquire(state, Window(GeminiFlash(rpd: 3)));
        var status = policy.Status(state, "provider:gemini:gemini-2.5-flash");

        var day = Assert.Single(status.Windows, w => w.Rule.Period == QuotaPeriod.Day);
        Assert.Equal(3, day.Rule.Limit);
        Assert.Equal(1, day.Used);
        Assert.Equal(1, day.Remaining); // 3 − 1 settled − 1 leased
    }

    [Fact]
    public void Acquire_DaySpentBeforeMidnightPacific_OpensAgainAtMidnightPacific()
    {
        // 23:50 in Los Angeles on 2026-12-06 (PST, UTC−8) is 07:50 UTC on 2026-12-07.
        var (policy, time) = Create(new DateTimeOffset(2026, 12, 7, 7, 50, 0, TimeSpan.Zero));
        var state = policy.Create(new QuotaLimits());
        var defaults = GeminiFlash(rpd: 2);
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(policy.Acquire(state, Window(defaults)).LeaseId, requests: 1));
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(policy.Acquire(state, Window(defaults)).LeaseId, requests: 1));

        time.Advance(TimeSpan.FromMinutes(5)); // 23:55 Pacific: a new minute, the same day
        var spent = policy.Acquire(state, Window(defaults));
        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero)); // 00:00 Pacific
        var fresh = policy.Acquire(state, Window(defaults));

        Assert.True(spent.Exhausted);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), spent.BlockedUntil);
        Assert.Equal(1, fresh.Requests);
        Assert.False(fresh.Exhausted);
    }
}
