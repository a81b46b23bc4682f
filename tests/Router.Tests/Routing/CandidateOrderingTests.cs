using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Routing;

public class CandidateOrderingTests
{
    [Fact]
    public void Plan_WeightedStrategy_FollowsProviderWeights()
    {
        var harness = new Harness(o =>
        {
            o.ProviderWeights["anthropic"] = 1_000_000;
            o.ProviderWeights["github"] = 0.000001;
            o.ProviderWeights["openai"] = 0.000001;
        });

        var firsts = Enumerable.Range(0, 20).Select(_ => harness.Plan(new RouteQuery { Strategy = RoutingStrategy.Weighted }).Candidates[0].Provider);

        Assert.All(firsts, p => Assert.Equal("anthropic", p));
    }

    [Fact]
    public void Plan_LeastBusyStrategy_AvoidsModelsWithRequestsInFlight()
    {
        var harness = new Harness();
        using var busy1 = harness.InFlight.Enter("github/gpt-4o-mini");
        using var busy2 = harness.InFlight.Enter("openai/gpt-4o-mini");

        // With max_tokens given: without it an Anthropic model is estimated at its whole output maximum (what its writer
        // sends upstream), which would make it the dearest here.
        var plan = harness.Plan(new RouteQuery { Strategy = RoutingStrategy.LeastBusy, MaxOutputTokens = 256 });

        Assert.Equal("anthropic/claude-haiku", plan.Candidates[0].Id); // idle, then cheapest among idle
    }
}
