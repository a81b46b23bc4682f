using Dapr.AiProvider.Contracts.Quota;
using static Dapr.AiProvider.Quota.Tests.Policy.PolicyFixture;

namespace Dapr.AiProvider.Quota.Tests.Policy;

public sealed class QuotaPolicyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Acquire_WithinLimit_GrantsWhatWasAsked()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 100)));

        var grant = policy.Acquire(state, Ask(requests: 10));

        Assert.Equal(10, grant.Requests);
        Assert.False(grant.Exhausted);
        Assert.False(grant.Unlimited);
        Assert.Equal(Noon + LeaseDuration, grant.ExpiresAt);
        Assert.NotEmpty(grant.LeaseId);
    }

    [Fact]
    public void Acquire_MoreThanLeft_GrantsOnlyTheRest()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 25)));
        policy.Acquire(state, Ask(requests: 20));

        var grant = policy.Acquire(state, Ask(requests: 10));

        Assert.Equal(5, grant.Requests);
        Assert.False(grant.Exhausted);
    }

    [Fact]
    public void Acquire_TighterOfTwoRules_Wins()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(
            Rule(QuotaMetric.Tokens, QuotaPeriod.Minute, 1_000),
            Rule(QuotaMetric.Tokens, QuotaPeriod.Day, 50_000)));

        var grant = policy.Acquire(state, Ask(tokens: 4_000));

        Assert.Equal(1_000, grant.Tokens);
    }

    [Fact]
    public void Acquire_NothingLeft_ExhaustedUntilWindowReset()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 5, zone: "America/Los_Angeles")));
        var first = policy.Acquire(state, Ask(requests: 5));
        policy.Settle(state, "provider:gemini", Used(first.LeaseId, requests: 5));

        var grant = policy.Acquire(state, Ask(requests: 1));

        Assert.True(grant.Exhausted);
        Assert.Equal(0, grant.Requests);
        Assert.Equal("", grant.LeaseId);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 7, 0, 0, TimeSpan.Zero), grant.BlockedUntil); // midnight PDT
    }

    [Fact]
    public void Acquire_OneMetricExhausted_GrantsNothingOfTheOthers()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(
            Rule(QuotaMetric.Requests, QuotaPeriod.Day, 100),
            Rule(QuotaMetric.CostMicros, QuotaPeriod.Month, 0)));

        var grant = policy.Acquire(state, Ask(requests: 5, cost: 1_000));

        Assert.True(grant.Exhausted);
        Assert.Equal(0, grant.Requests);
        Assert.Empty(state.Leases);
    }

    [Fact]
    public void Acquire_SoftRuleOnly_UnlimitedAndNotCapped()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.CostMicros, QuotaPeriod.Day, 10, hard: false)));

        var grant = policy.Acquire(state, Ask(cost: 1_000));

        Assert.True(grant.Unlimited);
        Assert.Equal(1_000, grant.CostMicros);
    }

    [Fact]
    public void Acquire_AfterWindowReset_GrantsAgain()
    {
        var (policy, time) = Create(new DateTimeOffset(2026, 6, 10, 23, 59, 0, TimeSpan.Zero));
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 3)));
        var lease = policy.Acquire(state, Ask(requests: 3));
        policy.Settle(state, "global", Used(lease.LeaseId, requests: 3));
        Assert.True(policy.Acquire(state, Ask(requests: 1)).Exhausted);

        time.Advance(TimeSpan.FromMinutes(1));
        var grant = policy.Acquire(state, Ask(requests: 1));

        Assert.Equal(1, grant.Requests);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), state.Windows[0].Start);
    }

    [Fact]
    public void Acquire_Benched_BlockedUntilBenchEndsThenOpen()
    {
        var (policy, time) = Create(Noon);
        var state = policy.Create(Limits());
        policy.Bench(state, new BenchRequest { Until = Noon.AddMinutes(10), Reason = "quota_exhausted" });

        var benched = policy.Acquire(state, Ask(requests: 1));
        time.Advance(TimeSpan.FromMinutes(10));
        var open = policy.Acquire(state, Ask(requests: 1));

        Assert.Equal(0, benched.Requests);
        Assert.Equal(Noon.AddMinutes(10), benched.BlockedUntil);
        Assert.Equal(1, open.Requests);
        Assert.Null(open.BlockedUntil);
        Assert.Null(state.BenchedUntil);
    }

    [Fact]
    public void Acquire_NegativeAmount_Throws()
    {
        var (policy, _) = Create(Noon);

        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Acquire(policy.Create(Limits()), Ask(requests: -1)));
    }

    [Fact]
    public void Acquire_TooManyOutstandingLeases_BlockedUntilFirstExpiry()
    {
        var (policy, _) = Create(Noon, maxLeases: 2);
        var state = policy.Create(Limits());
        policy.Acquire(state, Ask(requests: 1));
        policy.Acquire(state, Ask(requests: 1));

        var grant = policy.Acquire(state, Ask(requests: 1));

        Assert.Equal(0, grant.Requests);
        Assert.Equal(Noon + LeaseDuration, grant.BlockedUntil);
    }

    [Fact]
    public void Status_AfterGrantAndSettle_ShowsUsedLeasedRemaining()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Tokens, QuotaPeriod.Hour, 1_000)));
        var settled = policy.Acquire(state, Ask(tokens: 300));
        policy.Settle(state, "global", Used(settled.LeaseId, tokens: 250));
        policy.Acquire(state, Ask(tokens: 100));

        var window = Assert.Single(policy.Status(state, "global").Windows);

        Assert.Equal(250, window.Used);
        Assert.Equal(100, window.Leased);
        Assert.Equal(650, window.Remaining);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 13, 0, 0, TimeSpan.Zero), window.ResetsAt);
    }

    [Fact]
    public void SetLimits_SameRuleNewLimit_KeepsWindowUsage()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 10)));
        var lease = policy.Acquire(state, Ask(requests: 4));
        policy.Settle(state, "global", Used(lease.LeaseId, requests: 4));

        policy.SetLimits(state, Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 5), Rule(QuotaMetric.Tokens, QuotaPeriod.Day, 100)));

        Assert.Equal(4, state.Windows[0].Used);
        Assert.Equal(0, state.Windows[1].Used);
        Assert.Equal(1, policy.Acquire(state, Ask(requests: 3)).Requests);
    }

    [Fact]
    public void NextChange_LeaseAndWindows_EarliestOfThem()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 10)));
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), policy.NextChange(state));

        policy.Acquire(state, Ask(requests: 1));

        Assert.Equal(Noon + LeaseDuration, policy.NextChange(state));
    }
}
