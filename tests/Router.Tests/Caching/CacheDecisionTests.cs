using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Caching;

public class CacheDecisionTests
{
    private static readonly ChatCompletionRequest Deterministic = new() { Temperature = 0 };
    private static readonly ChatCompletionRequest Creative = new() { Temperature = 0.7 };

    [Fact]
    public void For_TemperatureZero_LooksUpAndStores() =>
        Assert.Equal(new CacheDecision(true, true, 60), CacheDecision.For(Deterministic, null, null, 60, true));

    [Fact]
    public void For_NonZeroTemperature_Bypasses() =>
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(Creative, null, null, 60, true));

    [Fact]
    public void For_ForceHeader_CachesNonDeterministicRequest() =>
        Assert.Equal(new CacheDecision(true, true, 60), CacheDecision.For(Creative, null, "force", 60, true));

    [Fact]
    public void For_NoCache_SkipsLookupButStores() =>
        Assert.Equal(new CacheDecision(false, true, 60), CacheDecision.For(Deterministic, "no-cache", null, 60, true));

    [Fact]
    public void For_NoStore_NeitherLooksUpNorStores() =>
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(Deterministic, "no-store", "force", 60, true));

    [Fact]
    public void For_TaskTtlZeroOrCacheDisabled_Bypasses()
    {
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(Deterministic, null, null, 0, true));
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(Deterministic, null, null, 60, false));
    }

    private static readonly ChatCompletionRequest NoTemperature = new();

    [Fact]
    public void For_NoTemperature_TaskCachedByDefault_LooksUpAndStores() =>
        Assert.Equal(new CacheDecision(true, true, 86_400), CacheDecision.For(NoTemperature, null, null, 86_400, true, cachedByDefault: true));

    [Fact]
    public void For_NoTemperature_OtherTask_Bypasses() =>
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(NoTemperature, null, null, 86_400, true, cachedByDefault: false));

    [Fact]
    public void For_ExplicitTemperatureAboveZero_OptsOutOfTheTasksDefault() =>
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(Creative, null, null, 86_400, true, cachedByDefault: true));

    [Fact]
    public void For_TaskCachedByDefault_NoStoreOrBypass_OptOut()
    {
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(NoTemperature, "no-store", null, 86_400, true, cachedByDefault: true));
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(NoTemperature, null, "bypass", 86_400, true, cachedByDefault: true));
    }

    [Fact]
    public void For_TaskCachedByDefault_SeveralChoices_Bypasses() =>
        Assert.Equal(CacheDecision.Bypass, CacheDecision.For(new ChatCompletionRequest { N = 3 }, null, null, 86_400, true, cachedByDefault: true));
}
