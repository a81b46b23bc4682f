using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Circuits;
using Dapr.AiProvider.Router.Health;
using Dapr.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>The Dapr-backed circuit store and response cache against a real sidecar and Redis.</summary>
[Trait("Category", "Process")]
public sealed class DaprStoresTests(SidecarStateFixture fixture) : IClassFixture<SidecarStateFixture>
{
    private readonly DaprClient _dapr = fixture.Dapr;
    private readonly SidecarState _state = fixture.State;

    [Fact]
    public async Task CircuitStore_ETags_GuardConcurrentTransitions()
    {
        var store = new DaprCircuitStore(_state);
        var open = new CircuitState { State = CircuitStatus.Open, Failures = 3, NextRetryAt = DateTimeOffset.UtcNow.AddSeconds(30) };

        Assert.True(await store.TrySaveAsync("circuit:e2e", open, null, default));
        Assert.False(await store.TrySaveAsync("circuit:e2e", CircuitState.Closed, null, default)); // someone created it first
        var stored = await store.GetAsync("circuit:e2e", default);
        Assert.Equal(CircuitStatus.Open, stored.State?.State);
        Assert.True(await store.TrySaveAsync("circuit:e2e", CircuitState.Closed, stored.ETag, default));
        Assert.False(await store.TrySaveAsync("circuit:e2e", open, stored.ETag, default)); // stale ETag
        var many = await store.GetManyAsync(["circuit:e2e", "circuit:absent"], default);
        Assert.Equal(CircuitStatus.Closed, many["circuit:e2e"].State?.State);
        Assert.Null(many["circuit:absent"].State);
    }

    [Fact]
    public async Task ResponseCache_TtlInSeconds_ExpiresTheEntry()
    {
        var cache = new DaprAnswerStore<CachedCompletion>(_state, SidecarStateJsonContext.Default.CachedCompletion, TimeProvider.System, StateKeys.CachedAnswer);
        var value = new CachedCompletion { Provider = "p", Model = "m", CostMicros = 5, CachedAt = DateTimeOffset.UtcNow };

        await cache.SetAsync("k1", value, 1, default);
        var hit = await cache.GetAsync("k1", default);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await cache.GetAsync("k1", default);

        Assert.Equal("p", hit?.Provider);
        Assert.Null(expired);
    }

    [Fact]
    public async Task CachePurgeStore_APurgeOnOneReplica_ReachesAnotherThroughTheStateStore()
    {
        var store = new DaprCachePurgeStore(_state);
        var first = new CacheGenerations(store, NullLogger<CacheGenerations>.Instance);
        var second = new CacheGenerations(store, NullLogger<CacheGenerations>.Instance);
        var start = (await store.GetAsync(default)).Value ?? CachePurgeState.Empty;

        Assert.True(await first.PurgeAsync(new CachePurge.OfModel("e2e-model"), default));
        await second.RefreshAsync(default);
        var raw = await _dapr.GetStateAsync<System.Text.Json.JsonElement>("statestore", "admin:cache-purges");

        Assert.Equal(start.After(new CachePurge.OfModel("e2e-model")).GenerationFor("k", "e2e-model"), second.For("k", "e2e-model"));
        Assert.Equal(start.Models.GetValueOrDefault("e2e-model") + 1, raw.GetProperty("models").GetProperty("e2e-model").GetInt64());
        Assert.False(await store.TrySaveAsync(CachePurgeState.Empty, null, default)); // it exists: a blind first write is refused
    }

    [Fact]
    public async Task ProviderHealthStore_StoresUnderProviderHealthKey_WithETags()
    {
        var store = new DaprProviderHealthStore(_state);
        var health = new ProviderHealth { Provider = "e2e-openai", Status = ProviderHealthStatus.Healthy, Successes = 3, LatencyMs = { ["e2e-openai/gpt-4o"] = 412.5 } };

        Assert.True(await store.TrySaveAsync(health, null, default));
        Assert.False(await store.TrySaveAsync(health, null, default)); // created by someone else first
        var stored = await store.GetAsync("e2e-openai", default);
        Assert.True(await store.TrySaveAsync(health with { Successes = 4 }, stored.ETag, default));
        Assert.False(await store.TrySaveAsync(health, stored.ETag, default)); // stale ETag
        var raw = await _dapr.GetStateAsync<System.Text.Json.JsonElement>("statestore", "provider_health:e2e-openai");
        var many = await store.GetManyAsync(["e2e-openai", "e2e-absent"], default);

        Assert.Equal(4, raw.GetProperty("successes").GetInt64());
        Assert.Equal(412.5, Assert.Single(many).LatencyMs["e2e-openai/gpt-4o"]);
    }

    /// <summary>
    /// The router's stores write through the sidecar's HTTP state API with source-generated JSON; the records must be the
    /// bytes Dapr.Client (gRPC, reflection JSON with web defaults) wrote before, so replicas of either build and the
    /// records already stored read the same.
    /// </summary>
    [Fact]
    public async Task SidecarState_WritesTheJsonDaprClientWrote_AndReadsItBack()
    {
        var circuit = new CircuitState { State = CircuitStatus.HalfOpen, Failures = 2, LastFailure = DateTimeOffset.Parse("2026-12-07T10:00:00Z"), Reason = "timeout" };
        var health = new ProviderHealth { Provider = "compat", Status = ProviderHealthStatus.Degraded, Successes = 1, LatencyMs = { ["compat/m"] = 12.5 } };

        await _dapr.SaveStateAsync("statestore", "compat:circuit:dapr", circuit);
        await _state.SaveAsync("compat:circuit:http", circuit, SidecarStateJsonContext.Default.CircuitState, null, default);
        await _dapr.SaveStateAsync("statestore", "compat:health:dapr", health);
        await _state.SaveAsync("compat:health:http", health, SidecarStateJsonContext.Default.ProviderHealth, null, default);
        var (read, etag) = await _state.GetAsync("compat:circuit:dapr", SidecarStateJsonContext.Default.CircuitState, default);

        Assert.Equal(await RawAsync("compat:circuit:dapr"), await RawAsync("compat:circuit:http"));
        Assert.Equal(await RawAsync("compat:health:dapr"), await RawAsync("compat:health:http"));
        Assert.Equal(circuit, read);
        Assert.Equal("1", etag);
        Assert.Equal(health.LatencyMs, (await _dapr.GetStateAsync<ProviderHealth>("statestore", "compat:health:http")).LatencyMs);
    }

    private async Task<string> RawAsync(string key) =>
        System.Text.Encoding.UTF8.GetString((await _dapr.GetByteStateAsync("statestore", key)).Span);
}
