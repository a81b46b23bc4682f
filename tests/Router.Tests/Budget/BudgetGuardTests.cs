using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.Budget;

public class BudgetGuardTests
{
    private static readonly LeaseAmounts OneRequest = new(1, 100, 1_000);

    private static BudgetGuard Guard(FakeLeaseSource source, Action<BudgetOptions>? configure = null)
    {
        var options = new RouterOptions { BootstrapKey = "test-bootstrap-key" };
        options.Budget.SliceCostMicros = 10_000;
        configure?.Invoke(options.Budget);
        return new BudgetGuard(source, MsOptions.Create(options), new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<BudgetGuard>.Instance);
    }

    [Fact]
    public async Task Reserve_ManyRequestsWithinSlice_AsksTheSourceOncePerScope()
    {
        var source = new FakeLeaseSource();
        source.CostLeft[QuotaScopes.ApiKey("k1")] = 1_000_000;
        var guard = Guard(source);

        for (var i = 0; i < 10; i++)
        {
            var (ticket, error) = await guard.ReserveAsync("k1", null, OneRequest, default);
            Assert.Null(error);
            guard.Settle(ticket, OneRequest);
        }

        Assert.Equal(2, source.Acquires); // key scope once (10 × 1,000 fits a 10,000 slice), global once (unlimited)
    }

    [Fact]
    public async Task Reserve_MeshAppCaller_SpendsFromItsAppScope()
    {
        var source = new FakeLeaseSource();
        source.CostLeft[QuotaScopes.App("agent-qa")] = 1_500;
        source.CostLeft[QuotaScopes.ApiKey("app:agent-qa")] = 1_000_000;
        var guard = Guard(source);

        var first = await guard.ReserveAsync("app:agent-qa", null, OneRequest, default);
        guard.Settle(first.Ticket, OneRequest);
        var second = await guard.ReserveAsync("app:agent-qa", null, OneRequest, default);

        Assert.Null(first.Error);
        Assert.Equal(429, second.Error?.Status);
        Assert.Contains("'app:agent-qa'", second.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_ScopeExhausted_Is429WithRetryAfter()
    {
        var source = new FakeLeaseSource();
        source.CostLeft[QuotaScopes.ApiKey("k1")] = 1_500;
        var guard = Guard(source);

        var first = await guard.ReserveAsync("k1", null, OneRequest, default);
        guard.Settle(first.Ticket, OneRequest);
        var second = await guard.ReserveAsync("k1", null, OneRequest, default);

        Assert.Null(first.Error);
        Assert.Equal(429, second.Error?.Status);
        Assert.Equal("budget_exceeded", second.Error!.Code);
        Assert.NotNull(second.Error.RetryAt);
    }

    [Fact]
    public async Task Reserve_QuotaGoesDownFailOpen_AHardBudgetAlreadyGrantedStaysHardOnceItsSliceIsSpent()
    {
        var source = new FakeLeaseSource();
        source.CostLeft[QuotaScopes.ApiKey("k1")] = 1_000_000; // a hard rule: the grants are limited
        var guard = Guard(source, b => { b.FailOpen = true; b.SliceCostMicros = 2_000; });

        var first = await guard.ReserveAsync("k1", null, OneRequest, default);
        guard.Settle(first.Ticket, OneRequest);
        source.Unreachable = true; // quota restarts
        var fromTheSlice = await guard.ReserveAsync("k1", null, OneRequest, default);
        guard.Settle(fromTheSlice.Ticket, OneRequest);
        var past = await guard.ReserveAsync("k1", null, OneRequest, default);

        Assert.Null(fromTheSlice.Error); // the replica's own share: still verified
        Assert.False(fromTheSlice.Ticket.Unverified);
        Assert.Equal(503, past.Error?.Status); // not let through unverified: the actor would never see it
        Assert.Equal("quota_service_unavailable", past.Error!.Code);
        Assert.NotNull(past.Error.RetryAt);
    }

    [Fact]
    public async Task Reserve_SourceUnreachableFailOpen_AllowsUnverified()
    {
        var guard = Guard(new FakeLeaseSource { Unreachable = true });

        var (ticket, error) = await guard.ReserveAsync("k1", null, OneRequest, default);

        Assert.Null(error);
        Assert.True(ticket.Unverified);
    }

    [Fact]
    public async Task Reserve_SourceUnreachableFailClosed_Is503()
    {
        var guard = Guard(new FakeLeaseSource { Unreachable = true }, b => b.FailOpen = false);

        var (_, error) = await guard.ReserveAsync("k1", null, OneRequest, default);

        Assert.Equal(503, error?.Status);
    }

    [Fact]
    public async Task ReturnAll_SettlesWhatWasReallyUsed()
    {
        var source = new FakeLeaseSource();
        source.CostLeft[QuotaScopes.ApiKey("k1")] = 1_000_000;
        var guard = Guard(source);
        var (ticket, _) = await guard.ReserveAsync("k1", null, OneRequest, default);
        guard.Settle(ticket, new LeaseAmounts(1, 30, 250));

        await guard.ReturnAllAsync(default);

        var settlement = Assert.Single(source.Settlements, s => s.Scope == QuotaScopes.ApiKey("k1")).Settlement;
        Assert.Equal(250, settlement.UsedCostMicros);
        Assert.Equal(1, settlement.UsedRequests);
    }
}
