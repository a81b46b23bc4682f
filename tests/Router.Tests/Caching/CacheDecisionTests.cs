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
}
