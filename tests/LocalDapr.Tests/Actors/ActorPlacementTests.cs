using Dapr.AiProvider.TestInfrastructure;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>Two instances of one app, each with its sidecar: every actor id is active in exactly one of them.</summary>
[Trait("Category", "Process")]
public sealed class ActorPlacementTests
{
    [Fact]
    public async Task Invoke_TwoInstancesSameAppId_EachIdActivatedOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ActorEnvironment.StartAsync(redis, "actor-pair", "A", TimeSpan.FromMinutes(5));
        await using var b = await ActorEnvironment.StartAsync(redis, "actor-pair", "B", TimeSpan.FromMinutes(5));
        var ids = Enumerable.Range(0, 8).Select(i => $"p{i}").ToList();

        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            var viaA = a.Proxy(id).WhoAmIAsync();
            var viaB = b.Proxy(id).WhoAmIAsync();
            return (Id: id, A: await viaA, B: await viaB, Again: await b.Proxy(id).WhoAmIAsync());
        }));

        foreach (var (id, viaA, viaB, again) in answers)
        {
            Assert.Equal(viaA, viaB);
            Assert.Equal(viaA, again);
            Assert.Equal(1, a.Events.Count("activate:" + id) + b.Events.Count("activate:" + id));
        }
    }

    [Fact]
    public async Task Invoke_OwnerMissingFromRegistry_ForwardedToOwnerNotTakenOver()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ActorEnvironment.StartAsync(redis, "actor-stale", "A", TimeSpan.FromMinutes(5));
        await using var b = await ActorEnvironment.StartAsync(redis, "actor-stale", "B", TimeSpan.FromMinutes(5));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var registry = connection.GetDatabase();
        var ids = Enumerable.Range(0, 8).Select(i => $"s{i}").ToList();

        // Both sidecars are alive, but A cannot see B in name resolution (as before B's first heartbeat, or
        // with A's lookup cached from then): B's actors must still run only in B.
        await registry.KeyDeleteAsync("localdapr||registry||actor-stale");
        foreach (var id in ids)
        {
            Assert.Equal("B", await b.Proxy(id).WhoAmIAsync());
        }
        await registry.KeyDeleteAsync("localdapr||registry||actor-stale");
        var viaA = await Task.WhenAll(ids.Select(id => a.Proxy(id).WhoAmIAsync()));

        Assert.All(viaA, owner => Assert.Equal("B", owner));
        foreach (var id in ids)
        {
            Assert.Equal("B", await b.Proxy(id).WhoAmIAsync());
            Assert.Equal(0, a.Events.Count("activate:" + id));
            Assert.Equal(1, b.Events.Count("activate:" + id));
        }
    }

    [Fact]
    public async Task Invoke_OwnerSidecarCrashed_OtherInstanceTakesOverWithState()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ActorEnvironment.StartAsync(redis, "actor-failover", "A", TimeSpan.FromMinutes(5));
        await using var b = await ActorEnvironment.StartAsync(redis, "actor-failover", "B", TimeSpan.FromMinutes(5));
        Assert.Equal(1, await a.Proxy("moving").IncrementAsync());
        Assert.Equal("A", await b.Proxy("moving").WhoAmIAsync());

        a.Sidecar.Kill();

        Assert.Equal("B", await b.Proxy("moving").WhoAmIAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, await b.Proxy("moving").IncrementAsync());
    }
}
