using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Policy;
using static Dapr.AiProvider.Quota.Tests.Policy.PolicyFixture;

namespace Dapr.AiProvider.Quota.Tests.Policy;

public sealed class QuotaPolicyLeaseTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Settle_UsedLessThanGranted_CreditsTheRest()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.CostMicros, QuotaPeriod.Month, 10_000)));
        var lease = policy.Acquire(state, Ask(cost: 10_000));
        Assert.Equal(0, policy.Acquire(state, Ask(cost: 1)).CostMicros);

        policy.Settle(state, "key:k1", Used(lease.LeaseId, cost: 2_500));

        Assert.Equal(7_500, policy.Acquire(state, Ask(cost: 9_000)).CostMicros);
    }

    [Fact]
    public void Settle_Overrun_ChargesTheRealUsage()
    {
        var (policy, _) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Tokens, QuotaPeriod.Day, 1_000)));
        var lease = policy.Acquire(state, Ask(tokens: 100));

        policy.Settle(state, "global", Used(lease.LeaseId, tokens: 1_200));

        var window = Assert.Single(policy.Status(state, "global").Windows);
        Assert.Equal(1_200, window.Used);
        Assert.Equal(0, window.Remaining);
        Assert.True(policy.Acquire(state, Ask(tokens: 1)).Exhausted);
    }

    [Fact]
    public void Refresh_LeaseExpired_ReturnsGrantToWindow()
    {
        var (policy, time) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 10)));
        policy.Acquire(state, Ask(requests: 10));
        Assert.True(policy.Acquire(state, Ask(requests: 1)).Exhausted);

        time.Advance(LeaseDuration + new QuotaPolicyOptions().BoundaryGuard); // its last request can have arrived by now

        Assert.Equal(10, policy.Acquire(state, Ask(requests: 10)).Requests);
    }

    [Fact]
    public void Settle_AfterLeaseExpired_StillChargesUsage()
    {
        var (policy, time) = Create(Noon);
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 10)));
        var lease = policy.Acquire(state, Ask(requests: 6));
        time.Advance(LeaseDuration + TimeSpan.FromSeconds(1));

        policy.Settle(state, "global", Used(lease.LeaseId, requests: 6));

        Assert.Equal(4, policy.Acquire(state, Ask(requests: 10)).Requests);
    }

    [Fact]
    public void Settle_LeaseFromPreviousWindow_NotChargedToNewWindow()
    {
        var (policy, time) = Create(new DateTimeOffset(2026, 6, 10, 23, 59, 50, TimeSpan.Zero));
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Day, 10)));
        var lease = policy.Acquire(state, Ask(requests: 5));
        time.Advance(TimeSpan.FromSeconds(20));

        policy.Settle(state, "global", Used(lease.LeaseId, requests: 5));

        Assert.Equal(0, state.Windows[0].Used);
        Assert.Empty(state.Leases);
    }

    [Fact]
    public void Settle_CrossingThresholds_RaisesEachOncePerWindow()
    {
        var (policy, time) = Create(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        var state = policy.Create(Limits(Rule(QuotaMetric.Requests, QuotaPeriod.Hour, 10)));

        var first = policy.Settle(state, "provider:gemini", Used(policy.Acquire(state, Ask(requests: 6)).LeaseId, requests: 6));
        var second = policy.Settle(state, "provider:gemini", Used(policy.Acquire(state, Ask(requests: 1)).LeaseId, requests: 1));
        var third = policy.Settle(state, "provider:gemini", Used(policy.Acquire(state, Ask(requests: 3)).LeaseId, requests: 3));
        time.Advance(TimeSpan.FromHours(1));
        var nextWindow = policy.Settle(state, "provider:gemini", Used(policy.Acquire(state, Ask(requests: 5)).LeaseId, requests: 5));

        Assert.Equal([0.5], first.Select(a => a.Threshold));
        Assert.Empty(second);
        Assert.Equal([0.8, 1.0], third.Select(a => a.Threshold));
        Assert.Equal([0.5], nextWindow.Select(a => a.Threshold));
        Assert.All(third, a => Assert.Equal("provider:gemini", a.Scope));
        Assert.Equal(10, third[^1].Used);
    }

    [Fact]
    public void Settle_NegativeUsage_Throws()
    {
        var (policy, _) = Create(Noon);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            policy.Settle(policy.Create(Limits()), "global", Used("x", tokens: -5)));
    }

    [Fact]
    public void Acquire_ManyHoldersInterleaved_TotalGrantsNeverExceedLimit()
    {
        var (policy, time) = Create(Noon);
        const long limit = 1_000;
        var state = policy.Create(Limits(Rule(QuotaMetric.CostMicros, QuotaPeriod.Day, limit)));
        var random = new Random(42);
        long settledUsage = 0;
        var open = new List<(string Id, long Granted)>();

        for (var round = 0; round < 2_000; round++)
        {
            var grant = policy.Acquire(state, Ask(cost: random.Next(1, 120), holder: $"router-{round % 7}"));
            Assert.InRange(state.Leases.Sum(l => l.CostMicros) + state.Windows[0].Used, 0, limit);
            if (grant.CostMicros > 0)
            {
                open.Add((grant.LeaseId, grant.CostMicros));
            }
            if (open.Count > 0 && random.Next(3) == 0)
            {
                var (id, granted) = open[0];
                open.RemoveAt(0);
                var used = random.Next(0, (int)granted + 1);
                policy.Settle(state, "global", Used(id, cost: used));
                settledUsage += used;
            }
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(settledUsage <= limit, $"settled {settledUsage} > {limit}");
        Assert.True(state.Windows[0].Used <= limit);
    }
}
