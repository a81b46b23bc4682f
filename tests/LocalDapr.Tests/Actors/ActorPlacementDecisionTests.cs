using Dapr.AiProvider.LocalDapr.Sidecar.Actors;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.Invocation;
using Dapr.AiProvider.TestInfrastructure;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>
/// The placement decision on a real Redis, with each instance's name-resolution view frozen stale (it sees
/// only itself, as right after a peer started and before its first registry heartbeat or inside the 1 s
/// lookup cache). A live owner must never be taken over because a peer cannot see it in the registry.
/// </summary>
[Trait("Category", "Process")]
public sealed class ActorPlacementDecisionTests : IAsyncLifetime
{
    private const string Type = "CounterActor";
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Address);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Locate_LiveOwnerMissingFromStaleRegistryView_ForwardsToOwner()
    {
        var a = Placement("a", 3601);
        var b = Placement("b", 3602);
        Assert.Equal(ActorLocationKind.Here, (await b.LocateAsync(Type, "p0")).Kind);

        var seenByA = await a.LocateAsync(Type, "p0");

        Assert.Equal(ActorLocation.At(b.Self), seenByA);
        Assert.Equal(b.Self, await a.OwnerAsync(Type, "p0"));
        Assert.Equal(ActorLocationKind.Here, (await b.LocateAsync(Type, "p0")).Kind);
    }

    [Fact]
    public async Task Locate_ManyInstancesAtOnce_ExactlyOneHostsEachId()
    {
        var instances = Enumerable.Range(0, 8).Select(i => Placement($"i{i}", 3610 + i)).ToList();
        var ids = Enumerable.Range(0, 50).Select(i => $"id{i}").ToList();

        var decisions = await Task.WhenAll(ids.SelectMany(id => instances.Select(async p => (Id: id, Instance: p, Location: await LocateSettledAsync(p, id)))));

        foreach (var group in decisions.GroupBy(d => d.Id))
        {
            var hosts = group.Where(d => d.Location.Kind == ActorLocationKind.Here).Select(d => d.Instance.Self).ToList();
            var host = Assert.Single(hosts);
            Assert.All(group.Where(d => d.Location.Kind != ActorLocationKind.Here), d => Assert.Equal(host, d.Location.Owner));
        }
    }

    [Fact]
    public async Task Locate_OwnerIsPreviousIncarnationAtOwnAddress_TakesOver()
    {
        var crashed = Placement("old", 3620);
        var restarted = Placement("new", 3620);
        await crashed.LocateAsync(Type, "p1");

        Assert.Equal(ActorLocationKind.Here, (await restarted.LocateAsync(Type, "p1")).Kind);
        Assert.Equal(restarted.Self, await restarted.OwnerAsync(Type, "p1"));
    }

    [Fact]
    public async Task TakeOver_KeyChangedHandsSinceOwnerWasSeen_Refused()
    {
        var a = Placement("a", 3631);
        var b = Placement("b", 3632);
        var c = Placement("c", 3633);
        await b.LocateAsync(Type, "p2");
        var seenByA = await a.LocateAsync(Type, "p2");
        await b.ReleaseAsync(Type, "p2");
        await c.LocateAsync(Type, "p2");

        Assert.False(await a.TakeOverAsync(Type, "p2", seenByA.Owner!));
        Assert.Equal(c.Self, await a.OwnerAsync(Type, "p2"));
    }

    [Fact]
    public async Task Renew_KeyHeldByAnotherInstance_ReportsActivationLost()
    {
        var a = Placement("a", 3641);
        var b = Placement("b", 3642);
        await a.LocateAsync(Type, "kept");
        await b.LocateAsync(Type, "taken");
        var now = DateTimeOffset.UtcNow;
        var kept = new ActorActivation(Type, "kept", now);
        var taken = new ActorActivation(Type, "taken", now);
        var lapsed = new ActorActivation(Type, "lapsed", now);

        var lost = await a.RenewAsync([kept, taken, lapsed]);

        Assert.Equal([taken], lost);
        Assert.Equal(a.Self, await a.OwnerAsync(Type, "lapsed"));
    }

    private static async Task<ActorLocation> LocateSettledAsync(ActorPlacement placement, string id)
    {
        ActorLocation location;
        while ((location = await placement.LocateAsync(Type, id)).Kind == ActorLocationKind.Contended)
        {
        }
        return location;
    }

    private ActorPlacement Placement(string instanceId, int httpPort)
    {
        var options = new SidecarOptions { AppId = "actor-pair", InstanceId = instanceId, HttpPort = httpPort };
        var self = new SidecarEndpoint(options.AppId, instanceId, $"http://127.0.0.1:{httpPort}");
        return new ActorPlacement(new RegistryOnly(_connection.GetDatabase()), options, new StaleRegistry(self));
    }

    private sealed class RegistryOnly(IDatabase registry) : IRedisConnections
    {
        public IDatabase Registry => registry;
        public IConnectionMultiplexer For(ComponentSpec component) => throw new NotSupportedException();
        public IDatabase Database(ComponentSpec component) => throw new NotSupportedException();
    }

    /// <summary>A registry view that never sees any instance but its own.</summary>
    private sealed class StaleRegistry(SidecarEndpoint self) : ISidecarRegistry
    {
        public SidecarEndpoint Self => self;
        public ValueTask<IReadOnlyList<SidecarEndpoint>> ResolveAsync(string appId, CancellationToken ct) => new([self]);
    }
}
