using Dapr.Actors.Runtime;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Quota.Actors;
using Moq;

namespace Dapr.AiProvider.Quota.Tests.Actors;

public sealed class QuotaActorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static QuotaLimits DailyRequests(long limit, string zone = "UTC") => new()
    {
        Rules = [new QuotaRule { Metric = QuotaMetric.Requests, Period = QuotaPeriod.Day, Limit = limit, TimeZone = zone }],
    };

    [Fact]
    public async Task AcquireLeaseAsync_NoStateButLimitsInLedger_RestoresLimitsAndCapsGrant()
    {
        var harness = new ActorHarness("provider:gemini", Noon);
        harness.Store.Setup(s => s.LoadAsync("provider:gemini", It.IsAny<CancellationToken>())).ReturnsAsync(DailyRequests(20));

        var grant = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 50 });

        Assert.Equal(20, grant.Requests);
        Assert.NotNull(harness.Stored);
        Assert.Equal(20, Assert.Single(harness.Stored!.Limits.Rules).Limit);
        harness.State.Verify(s => s.SaveStateAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AcquireLeaseAsync_StateExists_DoesNotAskTheLedger()
    {
        var harness = new ActorHarness("key:k1", Noon);
        await harness.Actor.SetLimitsAsync(DailyRequests(5));
        harness.Store.Invocations.Clear();

        var first = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 3 });
        var second = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r2", Requests = 3 });

        Assert.Equal(3, first.Requests);
        Assert.Equal(2, second.Requests);
        harness.Store.Verify(s => s.LoadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SetLimitsAsync_Valid_PersistsToLedgerAndSchedulesReset()
    {
        var harness = new ActorHarness("provider:gemini", Noon);
        var limits = DailyRequests(100, "America/Los_Angeles");

        await harness.Actor.SetLimitsAsync(limits);

        harness.Store.Verify(s => s.SaveAsync("provider:gemini", limits, It.IsAny<CancellationToken>()), Times.Once);
        var midnightPacific = new DateTimeOffset(2026, 6, 11, 7, 0, 0, TimeSpan.Zero);
        harness.Timers.Verify(t => t.RegisterReminderAsync(It.Is<ActorReminder>(r =>
            r.Name == QuotaActor.ResetReminder && r.DueTime == midnightPacific - Noon)), Times.Once);
        Assert.Equal(midnightPacific, harness.Stored!.ReminderDueAt);
    }

    [Fact]
    public async Task SetLimitsAsync_UnknownTimeZone_ThrowsAndStoresNothing()
    {
        var harness = new ActorHarness("global", Noon);

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Actor.SetLimitsAsync(DailyRequests(10, "Nowhere/Land")));

        harness.Store.Verify(s => s.SaveAsync(It.IsAny<string>(), It.IsAny<QuotaLimits>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Null(harness.Stored);
    }

    [Fact]
    public async Task SettleLeaseAsync_CrossesThreshold_RaisesAlertOnceAndSetsGauge()
    {
        var harness = new ActorHarness("provider:gemini", Noon);
        await harness.Actor.SetLimitsAsync(DailyRequests(10));
        var lease = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 6 });

        await harness.Actor.SettleLeaseAsync(new LeaseSettlement { LeaseId = lease.LeaseId, UsedRequests = 6 });
        await harness.Actor.SettleLeaseAsync(new LeaseSettlement { LeaseId = "unknown", UsedRequests = 0 });

        harness.Alerts.Verify(a => a.RaiseAsync(It.Is<QuotaAlertRaised>(x => x.Threshold == 0.5 && x.Scope == "provider:gemini"),
            It.IsAny<CancellationToken>()), Times.Once);
        harness.Alerts.VerifyNoOtherCalls();
        Assert.Equal(0.6, harness.Metrics.GetUsageRatio("provider:gemini", "requests_day"));
    }

    [Fact]
    public async Task BenchAsync_UntilLater_StatusShowsBenchAndGrantsAreBlocked()
    {
        var harness = new ActorHarness("provider:openai", Noon);
        var until = Noon.AddHours(2);

        await harness.Actor.BenchAsync(new BenchRequest { Until = until, Reason = "quota_exhausted" });
        var status = await harness.Actor.GetStatusAsync();
        var grant = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 1 });

        Assert.Equal(until, status.BenchedUntil);
        Assert.Equal("quota_exhausted", status.BenchReason);
        Assert.Equal(until, grant.BlockedUntil);
        Assert.Equal(0, grant.Requests);
    }

    [Fact]
    public async Task ReceiveReminderAsync_AfterMidnight_RollsWindowAndReschedules()
    {
        var harness = new ActorHarness("global", Noon);
        await harness.Actor.SetLimitsAsync(DailyRequests(2));
        var lease = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 2 });
        await harness.Actor.SettleLeaseAsync(new LeaseSettlement { LeaseId = lease.LeaseId, UsedRequests = 2 });

        harness.Time.Advance(TimeSpan.FromHours(12));
        await harness.Actor.ReceiveReminderAsync(QuotaActor.ResetReminder, [], TimeSpan.Zero, TimeSpan.FromMilliseconds(-1));

        var window = Assert.Single(harness.Stored!.Windows);
        Assert.Equal(0, window.Used);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 0, 0, 0, TimeSpan.Zero), harness.Stored.ReminderDueAt);
    }

    [Fact]
    public async Task GetStatusAsync_NoLimitsAnywhere_EmptyWindows()
    {
        var harness = new ActorHarness("team:research", Noon);

        var status = await harness.Actor.GetStatusAsync();

        Assert.Equal("team:research", status.Scope);
        Assert.Empty(status.Windows);
        Assert.Null(status.BenchedUntil);
    }

    private static QuotaLimits PerMinute(long limit) => new()
    {
        Rules = [new QuotaRule { Metric = QuotaMetric.Requests, Period = QuotaPeriod.Minute, Limit = limit }],
    };

    [Fact]
    public async Task LearnLimitsAsync_CatalogScope_EveryHolderGetsTheStatedLimitFromThenOn()
    {
        var harness = new ActorHarness("provider:groq:llama-8b", Noon);
        await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "router-a", Requests = 1, Defaults = PerMinute(30) });

        await harness.Actor.LearnLimitsAsync(PerMinute(12));
        // Another replica, or router-a after a restart: it only knows the catalog's 30 a minute.
        var grant = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "router-b", Requests = 30, Defaults = PerMinute(30) });
        var minute = Assert.Single((await harness.Actor.GetStatusAsync()).Windows);

        Assert.Equal(11, grant.Requests); // 12 − the one router-a holds
        Assert.Equal(12, minute.Rule.Limit);
        Assert.Equal(12, Assert.Single(harness.Stored!.Learned).Limit); // in the actor's state store entry
    }

    [Fact]
    public async Task LearnLimitsAsync_ExplicitLimits_StayAsSet()
    {
        var harness = new ActorHarness("provider:groq:llama-8b", Noon);
        await harness.Actor.SetLimitsAsync(PerMinute(2));

        await harness.Actor.LearnLimitsAsync(PerMinute(12));
        var grant = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "router-a", Requests = 5, Defaults = PerMinute(30) });

        Assert.Equal(2, grant.Requests);
    }

    [Fact]
    public async Task AcquireLeaseAsync_WithThePreviousLeasesSettlement_SettlesItInTheSameTurn()
    {
        var harness = new ActorHarness("key:k1", Noon);
        await harness.Actor.SetLimitsAsync(DailyRequests(10));
        var first = await harness.Actor.AcquireLeaseAsync(new LeaseRequest { Holder = "r1", Requests = 6 });
        harness.State.Invocations.Clear();

        var second = await harness.Actor.AcquireLeaseAsync(new LeaseRequest
        {
            Holder = "r1", Requests = 10, Settle = new LeaseSettlement { LeaseId = first.LeaseId, UsedRequests = 4 },
        });
        var day = Assert.Single((await harness.Actor.GetStatusAsync()).Windows);

        Assert.Equal(6, second.Requests); // the 2 the first lease did not use came back before this grant
        Assert.Equal(4, day.Used);
        Assert.Single(harness.Stored!.Leases);
        harness.State.Verify(s => s.SaveStateAsync(It.IsAny<CancellationToken>()), Times.Once); // one turn, one save
    }
}
