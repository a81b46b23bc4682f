using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>Actor method calls through typed proxies, actor state, turn-based concurrency, idle deactivation.</summary>
[Collection(ActorCollection.Name)]
[Trait("Category", "Process")]
public sealed class ActorCallTests(ActorFixture fixture)
{
    [Fact]
    public async Task Invoke_TypedProxy_StatePersistedUnderDaprdKey()
    {
        var id = "count-" + Guid.NewGuid().ToString("N")[..8];
        var proxy = fixture.Env.Proxy(id);

        Assert.Equal(1, await proxy.IncrementAsync());
        Assert.Equal(2, await proxy.IncrementAsync());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Address);
        var stored = await redis.GetDatabase().HashGetAsync($"{ActorFixture.AppId}||CounterActor||{id}||count", "data");
        Assert.Equal("2", (string?)stored);
    }

    [Fact]
    public async Task Invoke_ActorThrows_ErrorReachesProxyCaller()
    {
        var proxy = fixture.Env.Proxy("thrower");

        var error = await Assert.ThrowsAsync<ActorMethodInvocationException>(() => proxy.FailAsync("boom-7"));

        Assert.Contains("boom-7", error.ToString());
        Assert.Equal(1, await proxy.IncrementAsync());
    }

    [Fact]
    public async Task Invoke_ConcurrentCallsToOneId_RunOneAtATime()
    {
        var id = "turn-" + Guid.NewGuid().ToString("N")[..8];
        var other = "turn-" + Guid.NewGuid().ToString("N")[..8];

        await Task.WhenAll(
            fixture.Env.Proxy(id).SlowAsync(400),
            fixture.Env.Proxy(id).SlowAsync(400),
            fixture.Env.Proxy(other).SlowAsync(400));

        var calls = fixture.Env.Events.Calls(id).OrderBy(c => c.Start).ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].Start >= calls[0].End, $"calls overlapped: {calls[0]} / {calls[1]}");
        var parallel = fixture.Env.Events.Calls(other).Single();
        Assert.True(parallel.Start < calls[1].Start || parallel.Start < calls[0].End, "calls to different ids were serialised");
    }

    [Fact]
    public async Task GetState_ActiveActor_Returns200JsonOr204WhenMissing()
    {
        var id = "state-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Env.Proxy(id).IncrementAsync();
        var http = fixture.Env.Sidecar.CreateHttpClient();

        using var found = await http.GetAsync($"v1.0/actors/CounterActor/{id}/state/count");
        using var missing = await http.GetAsync($"v1.0/actors/CounterActor/{id}/state/nothing");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("1", await found.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
    }

    [Fact]
    public async Task SaveState_ActorNotActive_Returns400InstanceMissing()
    {
        var http = fixture.Env.Sidecar.CreateHttpClient();
        var ops = """[{"operation":"upsert","request":{"key":"k","value":1}}]""";

        using var response = await http.PutAsync("v1.0/actors/CounterActor/never-called/state", new StringContent(ops));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ERR_ACTOR_INSTANCE_MISSING", error.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task SaveState_TtlWithoutActorStateTtlFeature_Rejected()
    {
        var id = "ttl-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Env.Proxy(id).IncrementAsync();
        var http = fixture.Env.Sidecar.CreateHttpClient();
        var ops = """[{"operation":"upsert","request":{"key":"k","value":1,"metadata":{"ttlInSeconds":"60"}}}]""";

        using var response = await http.PutAsync($"v1.0/actors/CounterActor/{id}/state", new StringContent(ops));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ERR_ACTOR_STATE_TRANSACTION_SAVE", error.GetProperty("errorCode").GetString());
        Assert.Contains("ActorStateTTL", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_FromSidecarOfAppWithoutActors_ForwardedToHostingApp()
    {
        await using var caller = await SidecarProcess.StartAsync(fixture.Redis, new SidecarSpec("actor-caller"));
        var proxy = ActorProxy.Create<ICounterActor>(new ActorId("remote-" + Guid.NewGuid().ToString("N")[..8]),
            ActorEnvironment.ActorType, new ActorProxyOptions { HttpEndpoint = caller.HttpEndpoint, UseJsonSerialization = true });

        Assert.Equal(1, await proxy.IncrementAsync());
        Assert.Equal("A", await proxy.WhoAmIAsync());
    }

    [Fact]
    public async Task Metadata_ActiveActor_ReportedWithCount()
    {
        await fixture.Env.Proxy("meta-" + Guid.NewGuid().ToString("N")[..8]).IncrementAsync();

        var metadata = await fixture.Env.Sidecar.CreateHttpClient().GetFromJsonAsync<JsonElement>("v1.0/metadata");

        var actor = metadata.GetProperty("actors").EnumerateArray().Single(a => a.GetProperty("type").GetString() == ActorEnvironment.ActorType);
        Assert.True(actor.GetProperty("count").GetInt32() >= 1);
    }

    [Fact]
    public async Task Idle_PastIdleTimeout_AppDeactivatesActor()
    {
        var id = "idle-" + Guid.NewGuid().ToString("N")[..8];

        await fixture.Env.Proxy(id).IncrementAsync();

        await fixture.Env.Events.WaitForAsync("deactivate:" + id, timeout: TimeSpan.FromSeconds(15));
        Assert.Equal(1, fixture.Env.Events.Count("activate:" + id));
    }
}
