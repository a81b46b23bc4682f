using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Budget;

/// <summary>
/// An operator's change of a free window (registry, overrides) reaches the catalog as new published limits: a replica
/// lets go of what it knew under the old ones (a window known to be spent, a held slice) and asks the scope's actor,
/// which applies the new limit to the current window (<c>FreeWindowPolicyTests</c> pins the actor's side).
/// </summary>
public sealed class WindowChangeTests
{
    private const string Scope = "provider:groq:llama-8b";
    private static readonly LeaseAmounts One = new(1, 10, 0);

    private static CatalogModel Groq(long rpd) =>
        TestCatalog.Model("groq", "llama-8b", free: true, input: 0, output: 0) with
        {
            FreeWindows = new FreeTierWindows { RequestsPerDay = rpd, Scope = "model", ResetTimeZone = "UTC" },
        };

    private static (ProviderWindowGuard Guard, FakeLeaseSource Source, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var source = new FakeLeaseSource { Now = time.GetUtcNow() };
        var options = new RouterOptions { BootstrapKey = "test-bootstrap-key" };
        new RouterOptionsDefaults().PostConfigure(null, options);
        return (new ProviderWindowGuard(source, MsOptions.Create(options), time), source, time);
    }

    [Fact]
    public async Task Reserve_SpentWindowRaisedAtRuntime_GrantedAtOnceUnderTheNewLimit()
    {
        var (guard, source, time) = Create();
        source.RequestWindows[Scope] = (1, 1);
        var before = Groq(rpd: 1);
        guard.Settle(await guard.ReserveAsync(before, One, default), One);
        var spent = await guard.ReserveAsync(before, One, default);
        Assert.Equal(ProviderWindowGuard.FreeWindowExhausted, spent.Refusal);
        Assert.NotNull(guard.Blocked(before, time.GetUtcNow())); // known spent until the day turns: left out of plans

        // The operator raises the day to 3; the actor keeps the day's one request (FreeWindowPolicyTests).
        source.RequestWindows[Scope] = (3, 2);
        var after = Groq(rpd: 3); // the next catalog refresh's model
        var blocked = guard.Blocked(after, time.GetUtcNow());
        var granted = await guard.ReserveAsync(after, One, default);

        Assert.Null(blocked);
        Assert.Null(granted.Refusal);
        var asked = source.Asked.Last(a => a.Scope == Scope).Request;
        Assert.Contains(asked.Defaults!.Rules, r => r is { Metric: QuotaMetric.Requests, Period: QuotaPeriod.Day, Limit: 3 });
    }

    [Fact]
    public async Task Reserve_WindowLoweredAtRuntime_HeldSliceSettledAndTheActorAskedAgain()
    {
        var (guard, source, _) = Create();
        source.RequestWindows[Scope] = (10, 10);
        var before = Groq(rpd: 10);
        guard.Settle(await guard.ReserveAsync(before, One, default), One); // a slice of 5 held, 1 spent
        var calls = source.Acquires;

        source.RequestWindows[Scope] = (2, 0); // lowered to 2: the 5 leased already exceed it
        var lowered = await guard.ReserveAsync(Groq(rpd: 2), One, default);

        Assert.Equal(calls + 1, source.Acquires); // not served from the slice granted under the old limit
        Assert.Equal(ProviderWindowGuard.FreeWindowExhausted, lowered.Refusal);
        var settled = Assert.Single(source.Settlements, s => s.Scope == Scope).Settlement;
        Assert.Equal(1, settled.UsedRequests); // the old slice's unused rest goes back
    }

    [Fact]
    public async Task Reserve_CatalogRefreshedWithTheSameWindows_KeepsItsSlice()
    {
        var (guard, source, _) = Create();
        source.RequestWindows[Scope] = (10, 10);
        guard.Settle(await guard.ReserveAsync(Groq(rpd: 10), One, default), One);
        var calls = source.Acquires;

        var again = await guard.ReserveAsync(Groq(rpd: 10), One, default); // equal limits, a new catalog instance

        Assert.Null(again.Refusal);
        Assert.Equal(calls, source.Acquires);
    }
}
