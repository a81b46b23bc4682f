using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Security;

public class SharedWindowCounterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 10, TimeSpan.Zero));
    private readonly InMemoryRateWindowStore _store = new();

    [Fact]
    public async Task Requests_TwoReplicas_NeverGrantMoreThanTheLimit()
    {
        var a = new SharedWindowCounter(_store, _time, maxSlice: 20);
        var b = new SharedWindowCounter(_store, _time, maxSlice: 20);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => (i % 2 == 0 ? a : b).AcquireAsync("key:k", 100, 1, default).AsTask()));

        Assert.Equal(100, decisions.Count(d => d.Allowed));
        // 50 claims of 2 fill the window; a replica that has not seen it full learns so with one more claim.
        Assert.InRange(_store.Calls, 50, 52);
    }

    [Fact]
    public async Task Tokens_ChargedAfterTheFact_AreClaimedBeforeTheNextAdmission()
    {
        var a = new SharedWindowCounter(_store, _time, maxSlice: long.MaxValue);
        var b = new SharedWindowCounter(_store, _time, maxSlice: long.MaxValue);

        Assert.True((await a.AcquireAsync("tokens:k", 1_000, 0, default)).Allowed);
        a.Charge("tokens:k", 900);
        Assert.True((await b.AcquireAsync("tokens:k", 1_000, 0, default)).Allowed);
        b.Charge("tokens:k", 50);
        var third = await a.AcquireAsync("tokens:k", 1_000, 0, default); // claims its 900 debt: 20 + 20 + 880 + 20 = 940 of 1,000
        Assert.True(third.Allowed);
        a.Charge("tokens:k", 100);

        var refusedA = await a.AcquireAsync("tokens:k", 1_000, 0, default);
        var refusedB = await b.AcquireAsync("tokens:k", 1_000, 0, default);

        Assert.False(refusedA.Allowed);
        Assert.False(refusedB.Allowed);
        Assert.Equal(_time.GetUtcNow().AddSeconds(50), refusedA.ResetAt);
    }

    [Fact]
    public async Task NewMinute_StartsAFreshWindow()
    {
        var counter = new SharedWindowCounter(_store, _time, maxSlice: 20);
        Assert.True((await counter.AcquireAsync("key:k", 1, 1, default)).Allowed);
        Assert.False((await counter.AcquireAsync("key:k", 1, 1, default)).Allowed);

        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.True((await counter.AcquireAsync("key:k", 1, 1, default)).Allowed);
    }

    [Fact]
    public async Task Remaining_CountsTheUnclaimedWindowAndTheLocalSlice()
    {
        var counter = new SharedWindowCounter(_store, _time, maxSlice: 20);

        var first = await counter.AcquireAsync("key:k", 100, 1, default);
        var second = await counter.AcquireAsync("key:k", 100, 1, default);

        Assert.Equal(99, first.Remaining);
        Assert.Equal(98, second.Remaining);
        Assert.Equal(1, _store.Calls);
    }
}
