using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Budget;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Hosting;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// Two router replicas (two guards, each its own holder id and slices) leasing from the real <c>QuotaActor</c>s
/// through the local runtime: a provider window and a team budget hold for both together.
/// </summary>
[Trait("Category", "Process")]
[Collection(QuotaActorsCollection.Name)]
public sealed class CrossReplicaLimitTests(QuotaActorsStack stack)
{
    private ActorLeaseSource Source()
    {
        var options = MsOptions.Create(new RouterOptions { BootstrapKey = "unused" });
        return new ActorLeaseSource(new QuotaActorInvoker(new HttpClient { BaseAddress = new Uri(stack.SidecarHttp + "/") }), options, TimeProvider.System);
    }

    private IQuotaActor Actor(string scope) => ActorProxy.Create<IQuotaActor>(QuotaActorIds.For(scope), DaprNames.Actors.Quota,
        new ActorProxyOptions { HttpEndpoint = stack.SidecarHttp, UseJsonSerialization = true });

    private static RouterOptions Options() => new() { BootstrapKey = "unused" };

    [Fact]
    public async Task TwoReplicas_BurstOnOneFreeWindow_NeverExceedItTogether()
    {
        // 12 requests a day (midnight Pacific), as the catalog would publish them; a minute window too large to matter.
        // The model id holds a '/' as real ones do (groq's openai/gpt-oss-120b): its actor must still be reachable
        // through the sidecar (QuotaActorIds), or the window would never be leased and every request pass unchecked.
        var model = TestCatalog.Model("gemini", "tuned/flash-" + Guid.NewGuid().ToString("N")[..8], free: true, input: 0, output: 0) with
        {
            FreeWindows = new FreeTierWindows { RequestsPerMinute = 1_000, RequestsPerDay = 12, ResetTimeZone = "America/Los_Angeles" },
        };
        var source = Source();
        var replicas = new[]
        {
            new ProviderWindowGuard(source, MsOptions.Create(Options()), TimeProvider.System),
            new ProviderWindowGuard(source, MsOptions.Create(Options()), TimeProvider.System),
        };
        var need = new LeaseAmounts(1, 50, 0);

        var passes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => replicas[i % 2].ReserveAsync(model, need, CancellationToken.None)));
        foreach (var (pass, i) in passes.Select((p, i) => (p, i)).Where(x => x.p.Refusal is null))
        {
            replicas[i % 2].Settle(pass, new LeaseAmounts(1, 30, 0));
        }
        await Task.WhenAll(replicas.Select(r => r.ReturnAllAsync(CancellationToken.None)));
        var status = await Actor(QuotaScopes.ProviderModel(model.Provider, model.Model)).GetStatusAsync();

        Assert.Equal(12, passes.Count(p => p.Refusal is null));
        Assert.All(passes.Where(p => p.Refusal is not null), p => Assert.Equal(ProviderWindowGuard.FreeWindowExhausted, p.Refusal));
        var day = Assert.Single(status.Windows, w => w.Rule.Period == QuotaPeriod.Day);
        Assert.Equal("America/Los_Angeles", day.Rule.TimeZone);
        Assert.Equal(12, day.Used);
        Assert.Equal(0, day.Leased);
    }

    [Fact]
    public async Task LimitLearnedByOneReplica_HoldsForAnotherAndForARestartedOne()
    {
        // The catalog says 12 a day; the provider's headers say the account really has 5.
        var model = TestCatalog.Model("groq", "llama-" + Guid.NewGuid().ToString("N")[..8], free: true, input: 0, output: 0) with
        {
            FreeWindows = new FreeTierWindows { RequestsPerMinute = 1_000, RequestsPerDay = 12, ResetTimeZone = "UTC" },
        };
        var source = Source();
        var need = new LeaseAmounts(1, 50, 0);
        var first = new ProviderWindowGuard(source, MsOptions.Create(Options()), TimeProvider.System);
        var pass = await first.ReserveAsync(model, need, CancellationToken.None);
        first.Settle(pass, new LeaseAmounts(1, 30, 0));
        await first.LearnAsync(model, [new LearnedLimit { Metric = "requests", Window = QuotaWindowKind.Day, Limit = 5 }]);
        await first.ReturnAllAsync(CancellationToken.None); // the first replica stops; it told the actor, nobody else

        // A replica that never saw the headers (another one, or the first after a restart: a new holder, no memory).
        var other = new ProviderWindowGuard(source, MsOptions.Create(Options()), TimeProvider.System);
        var passes = new List<WindowPass>();
        for (var i = 0; i < 12; i++)
        {
            passes.Add(await other.ReserveAsync(model, need, CancellationToken.None));
        }
        await other.ReturnAllAsync(CancellationToken.None);
        var status = await Actor(QuotaScopes.ProviderModel(model.Provider, model.Model)).GetStatusAsync();

        Assert.Null(pass.Refusal);
        Assert.Equal(4, passes.Count(p => p.Refusal is null)); // 5 a day, one of them spent by the first replica
        Assert.All(passes.Skip(4), p => Assert.Equal(ProviderWindowGuard.FreeWindowExhausted, p.Refusal));
        Assert.Equal(5, Assert.Single(status.Windows, w => w.Rule.Period == QuotaPeriod.Day).Rule.Limit);
    }

    [Fact]
    public async Task TwoReplicas_TeamBudget_CapHoldsAndRatioIsExported()
    {
        var team = "qa-" + Guid.NewGuid().ToString("N")[..8];
        await Actor(QuotaScopes.Team(team)).SetLimitsAsync(new QuotaLimits
        {
            Rules = [new QuotaRule { Metric = QuotaMetric.CostMicros, Period = QuotaPeriod.Month, Limit = 10_000 }],
        });
        var source = Source();
        var replicas = new[]
        {
            new BudgetGuard(source, MsOptions.Create(Options()), TimeProvider.System, NullLogger<BudgetGuard>.Instance),
            new BudgetGuard(source, MsOptions.Create(Options()), TimeProvider.System, NullLogger<BudgetGuard>.Instance),
        };
        var request = new LeaseAmounts(1, 100, 1_000);

        // Two keys of the same team, one on each replica.
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            replicas[i % 2].ReserveAsync(i % 2 == 0 ? "key-a" : "key-b", team, request, CancellationToken.None)));
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Error is null)
            {
                replicas[i % 2].Settle(results[i].Ticket, request);
            }
        }
        await Task.WhenAll(replicas.Select(r => r.ReturnAllAsync(CancellationToken.None)));
        var status = await Actor(QuotaScopes.Team(team)).GetStatusAsync();
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{stack.AppPort}/metrics");

        Assert.Equal(10, results.Count(r => r.Error is null));
        Assert.All(results.Where(r => r.Error is not null), r => Assert.Equal("budget_exceeded", r.Error!.Code));
        Assert.Equal(10_000, Assert.Single(status.Windows).Used);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("ai_provider_budget_usage_ratio{", StringComparison.Ordinal)
            && line.Contains($"scope=\"team:{team}\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
    }
}
