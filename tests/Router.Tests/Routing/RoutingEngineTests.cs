using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Contracts.Quota;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Routing;

public class RoutingEngineTests
{
    [Fact]
    public void Plan_AutoRoute_PutsFreeFirstThenCheapest()
    {
        // max_tokens given: without it an Anthropic model is estimated at its whole output maximum (what its writer
        // sends upstream; ProviderWindowTests), which would put it last.
        var plan = new Harness().Plan(new RouteQuery { PromptTokens = 100, MaxOutputTokens = 256 });

        Assert.Null(plan.Error);
        Assert.Equal(["github/gpt-4o-mini", "openai/gpt-4o-mini", "anthropic/claude-haiku", "openai/gpt-4o"], plan.Candidates.Select(c => c.Id));
        Assert.Contains("route=auto", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ToolsRequired_ExcludesModelsWithoutTools()
    {
        var plan = new Harness().Plan(new RouteQuery { RequiredCapabilities = ["tools"] });

        Assert.DoesNotContain(plan.Candidates, c => c.Id == "anthropic/claude-haiku");
        Assert.Contains(plan.Excluded, e => e.ModelId == "anthropic/claude-haiku" && e.Reason.Contains("tools", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_PromptBeyondSmallContextWindow_SkipsThatModel()
    {
        var plan = new Harness().Plan(new RouteQuery { PromptTokens = 7_000, MaxOutputTokens = 2_000 });

        Assert.DoesNotContain(plan.Candidates, c => c.Id == "github/gpt-4o-mini");
        Assert.Equal("openai/gpt-4o-mini", plan.Candidates[0].Id);
    }

    [Fact]
    public void Plan_PromptBeyondEveryContextWindow_Is422()
    {
        var plan = new Harness().Plan(new RouteQuery { PromptTokens = 500_000 });

        Assert.Equal(422, plan.Error?.Status);
        Assert.Contains("context window", plan.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BenchedProvider_IsExcludedUntilItsReset()
    {
        var harness = new Harness();
        harness.Cooldowns.Start(QuotaScopes.Provider("github"), harness.Time.GetUtcNow().AddMinutes(5), "QuotaExhausted");

        var benched = harness.Plan(new RouteQuery());
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        var after = harness.Plan(new RouteQuery());

        Assert.DoesNotContain(benched.Candidates, c => c.Provider == "github");
        Assert.Equal("github/gpt-4o-mini", after.Candidates[0].Id);
    }

    [Fact]
    public async Task Plan_OpenCircuitOnOnlyCandidate_Is503WithRetryAt()
    {
        var harness = new Harness();
        for (var i = 0; i < harness.Options.Circuit.FailureThreshold; i++)
        {
            Assert.True(harness.Circuits.TryEnter("openai", "gpt-4o", out var permit));
            await harness.Circuits.OnFailureAsync(permit, new() { Class = Contracts.ErrorClass.Overloaded }, default);
        }

        var plan = harness.Plan(new RouteQuery { Model = "openai/gpt-4o" });

        Assert.Equal(503, plan.Error?.Status);
        Assert.NotNull(plan.Error!.RetryAt);
        Assert.Contains("circuit open", plan.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Alias_ResolvesToEveryProviderServingIt()
    {
        var plan = new Harness().Plan(new RouteQuery { Model = "gpt-4o-mini" });

        Assert.Equal(["github/gpt-4o-mini", "openai/gpt-4o-mini"], plan.Candidates.Select(c => c.Id));
        Assert.StartsWith("alias=", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UnknownModel_Is404ModelNotFound()
    {
        var plan = new Harness().Plan(new RouteQuery { Model = "nobody/nothing" });

        Assert.Equal(404, plan.Error?.Status);
        Assert.Equal("model_not_found", plan.Error!.Code);
    }

    [Fact]
    public void Plan_FreeRoute_KeepsOnlyFreeModels()
    {
        var plan = new Harness().Plan(new RouteQuery { Model = "free" });

        Assert.All(plan.Candidates, c => Assert.True(c.Model.FreeTier));
        Assert.Single(plan.Candidates);
    }

    [Fact]
    public void Plan_CodeRoute_RequiresCodeCapability()
    {
        var plan = new Harness().Plan(new RouteQuery { Model = "auto:code" });

        Assert.Equal(["anthropic/claude-haiku"], plan.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Plan_QualityStrategy_PutsHighestQualityFirst()
    {
        var plan = new Harness().Plan(new RouteQuery { Strategy = RoutingStrategy.Quality });

        Assert.Equal("openai/gpt-4o", plan.Candidates[0].Id);
    }

    [Fact]
    public void Plan_LatencyStrategy_PutsFastestObservedFirst()
    {
        var harness = new Harness();
        foreach (var model in harness.Catalog.Models)
        {
            harness.Latency.Record(model.Id, 500);
        }
        harness.Latency.Record("openai/gpt-4o", 20);
        harness.Latency.Record("openai/gpt-4o", 20);

        var plan = harness.Plan(new RouteQuery { Strategy = RoutingStrategy.Latency });

        Assert.Equal("openai/gpt-4o", plan.Candidates[0].Id);
    }

    [Fact]
    public void EstimateCost_UsesPromptAndMaxTokensTimesPrice()
    {
        var harness = new Harness();
        var model = harness.Catalog.ById["openai/gpt-4o"];

        var cost = harness.Engine.EstimateCost(model, new RouteQuery { PromptTokens = 1_000, MaxOutputTokens = 100 });

        Assert.Equal(2_500 + 1_000, cost); // 1000 × $2.50/M + 100 × $10/M, in micro-dollars
    }

    [Fact]
    public void Plan_ModelAllowList_KeepsOnlyListedModelsAndWholeProviders()
    {
        var allow = AllowList.Parse(["openai/gpt-4o", "anthropic/*"])!;

        var plan = new Harness().Plan(new RouteQuery { AllowedProviders = allow.Providers, AllowedModels = allow, MaxOutputTokens = 256 });

        Assert.Equal(["anthropic/claude-haiku", "openai/gpt-4o"], plan.Candidates.Select(c => c.Id));
    }

    [Fact]
    public void Plan_ExplicitModelOutsideTheAllowList_Is403()
    {
        var allow = AllowList.Parse(["openai/gpt-4o"])!;

        var plan = new Harness().Plan(new RouteQuery { Model = "openai/gpt-4o-mini", AllowedProviders = allow.Providers, AllowedModels = allow });

        Assert.Equal(403, plan.Error?.Status);
        Assert.Equal("model_not_allowed", plan.Error?.Code);
    }
}
