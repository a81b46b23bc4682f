using Dapr.AiProvider.Router.RateLimiting;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Auth;
using Dapr.AiProvider.Router.Tests.EndToEnd;
using Dapr.AiProvider.Router.State;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>The rate window counter against a real sidecar and Redis: concurrent takers never pass the limit.</summary>
[Trait("Category", "Process")]
public sealed class DaprRateWindowStoreTests(SidecarStateFixture fixture) : IClassFixture<SidecarStateFixture>
{
    private readonly SidecarState _state = fixture.State;

    [Fact]
    public async Task TakeAsync_ConcurrentReplicas_GrantExactlyTheLimit()
    {
        var replicaA = new DaprRateWindowStore(_state);
        var replicaB = new DaprRateWindowStore(_state);

        var grants = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            (i % 2 == 0 ? replicaA : replicaB).TakeAsync("ratelimit:e2e:1", 1, 12, TimeSpan.FromMinutes(2), default)));

        Assert.Equal(12, grants.Sum(g => g.Granted));
        var (granted, total) = await replicaA.TakeAsync("ratelimit:e2e:1", 5, 12, TimeSpan.FromMinutes(2), default);
        Assert.Equal(0, granted);
        Assert.Equal(12, total);
    }

    [Fact]
    public async Task TakeAsync_PartialSlice_StopsAtLimit()
    {
        var store = new DaprRateWindowStore(_state);

        var first = await store.TakeAsync("ratelimit:e2e:2", 4, 6, TimeSpan.FromMinutes(2), default);
        var second = await store.TakeAsync("ratelimit:e2e:2", 4, 6, TimeSpan.FromMinutes(2), default);

        Assert.Equal((4L, 4L), first);
        Assert.Equal((2L, 6L), second);
    }
}
