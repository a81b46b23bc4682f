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
    public void Acquire_MinuteWindow_LeaseEndsTheBoundaryGuardBeforeTheMinute()
    {
        var (policy, _) = Create(Noon.AddSeconds(20)); // 12:00:50; the lease duration (30 s) would reach 12:01:20
        var windows = policy.Create(new QuotaLimits());
        var budget = policy.Create(Limits(Rule(QuotaMetric.CostMicros, QuotaPeriod.Month, 1_000)));

        var grant = policy.Acquire(windows, Window(GeminiFlash()));
        var slice = policy.Acquire(budget, Ask(cost: 5));

        // Spent after 12:00:58 a request could reach the provider after 12:01, where the next minute's five could all be
        // granted too (QuotaPolicyOptions.BoundaryGuard, 2 s by default).
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 0, 58, TimeSpan.Zero), grant.ExpiresAt);
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
    public void Acquire_SpentDayRaisedByTheOperator_GrantsTheDifferenceInTheSameDay()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(new QuotaLimits());
        for (var i = 0; i < 2; i++)
        {
            policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(policy.Acquire(state, Window(GeminiFlash(rpd: 2))).LeaseId, requests: 1));
        }
        var spent = policy.Acquire(state, Window(GeminiFlash(rpd: 2)));

        var raised = policy.Acquire(state, Window(GeminiFlash(rpd: 3))); // the registry's new figure, sent with the next ask
        var again = policy.Acquire(state, Window(GeminiFlash(rpd: 3)));

        Assert.True(spent.Exhausted);
        Assert.Equal((1, false), (raised.Requests, raised.Exhausted));
        Assert.True(again.Exhausted); // 2 used + 1 leased of the new 3: the day's use was kept
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

    [Fact]
    public void Acquire_WithinTheBoundaryGuard_LeaseStraddlesAndCountsAgainstBothMinutes()
    {
        var (policy, time) = Create(Noon); // 12:00:30
        var state = policy.Create(new QuotaLimits());
        var early = policy.Acquire(state, Window(GeminiFlash()) with { Requests = 2 });
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(early.LeaseId, requests: 2));

        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 12, 0, 59, TimeSpan.Zero)); // within the last 2 s of the minute
        var straddling = policy.Acquire(state, Window(GeminiFlash()) with { Requests = 5 });
        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 12, 1, 10, TimeSpan.Zero));
        var next = policy.Acquire(state, Window(GeminiFlash(), holder: "router-b") with { Requests = 5 });

        Assert.Equal(3, straddling.Requests); // what the old minute has left
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 0, 59, TimeSpan.Zero) + LeaseDuration, straddling.ExpiresAt); // into the next minute
        Assert.Equal(2, next.Requests); // its 3 may land in the new minute: 5 − 3
        Assert.Equal(0d, next.Headroom);
    }

    [Fact]
    public void Settle_StraddlingLeaseBeforeTheMinuteEnds_CarriesItsUseIntoTheNextMinute()
    {
        var (policy, time) = Create(new DateTimeOffset(2026, 12, 7, 12, 0, 58, 500, TimeSpan.Zero));
        var state = policy.Create(new QuotaLimits());
        var straddling = policy.Acquire(state, Window(GeminiFlash()) with { Requests = 2 });
        time.Advance(TimeSpan.FromMilliseconds(900)); // 12:00:59.4, still the old minute
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(straddling.LeaseId, requests: 2));
        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 12, 1, 20, TimeSpan.Zero));

        var next = policy.Acquire(state, Window(GeminiFlash()) with { Requests = 5 });
        var minute = policy.Status(state, "provider:gemini:gemini-2.5-flash").Windows.Single(w => w.Rule.Period == QuotaPeriod.Minute);

        Assert.Equal(3, next.Requests);
        Assert.Equal(2, minute.Used); // the two requests may have reached the provider after 12:01
        Assert.Equal(3, minute.Leased);
    }

    [Fact]
    public void Refresh_ExpiredLeaseNotYetSettled_CountsUntilItsLastRequestCanHaveArrived()
    {
        var (policy, time) = Create(Noon); // 12:00:30
        var state = policy.Create(new QuotaLimits());
        var all = policy.Acquire(state, Window(GeminiFlash()) with { Requests = 5 }); // serves until 12:00:58
        time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 12, 0, 59, TimeSpan.Zero)); // expired; its settlement is on its way

        var meanwhile = policy.Acquire(state, Window(GeminiFlash(), holder: "router-b"));
        policy.Settle(state, "provider:gemini:gemini-2.5-flash", Used(all.LeaseId, requests: 4));
        var after = policy.Acquire(state, Window(GeminiFlash(), holder: "router-b"));

        Assert.True(meanwhile.Exhausted); // the five may all be spent: not free before the settlement says so
        Assert.Equal(1, after.Requests); // 5 − 4 used
    }
}
