using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>A slice's use reaches the lease source even when the source failed at the moment it was to be settled.</summary>
public sealed class LeaseHolderTests
{
    private static readonly LeaseAmounts OneRequest = new(1, 0, 0);
    private static readonly LeaseAmounts TwoRequests = new(2, 0, 0);

    [Fact]
    public async Task Refill_SourceFailsWhileSettlingTheSpentSlice_SliceUseSentBeforeTheNextGrant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var source = new FakeLeaseSource();
        source.RequestWindows["provider:gemini:flash"] = (100, 100);
        var options = new BudgetOptions { FailOpen = false, RetryAfterFailureSeconds = 10 };
        var holder = new LeaseHolder("provider:gemini:flash", "replica-a", source, options, time);

        Assert.Equal(LeaseVerdict.Granted, (await holder.ReserveAsync(OneRequest, default, slice: TwoRequests)).Verdict);
        Assert.Equal(LeaseVerdict.Granted, (await holder.ReserveAsync(OneRequest, default, slice: TwoRequests)).Verdict);
        Assert.Single(source.Asked);

        // The slice is spent: the refill would settle it in the same call, but quota is down.
        source.Unreachable = true;
        Assert.Equal(LeaseVerdict.Unavailable, (await holder.ReserveAsync(OneRequest, default, slice: TwoRequests)).Verdict);
        Assert.Empty(source.Settlements);

        // Quota is back after the retry interval: the two requests of the first slice are charged before a new grant.
        source.Unreachable = false;
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(LeaseVerdict.Granted, (await holder.ReserveAsync(OneRequest, default, slice: TwoRequests)).Verdict);
        var (scope, settled) = Assert.Single(source.Settlements);
        Assert.Equal("provider:gemini:flash", scope);
        Assert.Equal(2, settled.UsedRequests);
        Assert.Equal(2, source.Asked.Count);
        Assert.Null(source.Asked.Last().Request.Settle); // sent on its own, not twice
        Assert.Equal(100 - 2 - 2, source.RequestWindows["provider:gemini:flash"].Left);
    }

    [Fact]
    public async Task SettleCurrent_SettlementTheSourceRefusedEarlier_SentAtShutdown()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var source = new FakeLeaseSource();
        source.RequestWindows["provider:groq"] = (100, 100);
        var holder = new LeaseHolder("provider:groq", "replica-a", source, new BudgetOptions { FailOpen = true }, time);
        await holder.ReserveAsync(TwoRequests, default, slice: TwoRequests);
        source.Unreachable = true;
        Assert.Equal(LeaseVerdict.AllowedUnverified, (await holder.ReserveAsync(OneRequest, default, slice: TwoRequests)).Verdict);

        source.Unreachable = false;
        await holder.SettleCurrentAsync(default);

        var (_, settled) = Assert.Single(source.Settlements);
        Assert.Equal(2, settled.UsedRequests);
    }
}
