using Dapr.AiProvider.Router.Usage;
using Dapr.AiProvider.Router.Caching;
using Dapr.AiProvider.Router.Configuration;
using Dapr.AiProvider.Router.Pipeline;
using Dapr.AiProvider.Router.Tests.Fakes;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dapr.AiProvider.Router.Tests.Caching;

public sealed class CacheAccessTests : IDisposable
{
    private readonly InMemoryAnswerStore<CachedCompletion> _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly CacheAccess<CachedCompletion> _access;

    public CacheAccessTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new RouterOptions { Cache = { LocalSeconds = 60, LocalEntries = 100 } });
        _access = new CacheAccess<CachedCompletion>(_store, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), options, _time, NullLogger<CacheAccess<CachedCompletion>>.Instance);
    }

    public void Dispose() => _access.Dispose();

    [Fact]
    public async Task Store_RecordsExpiry_AndServesHotKeysWithoutTheStore()
    {
        await _access.StoreAsync("k", new CachedCompletion { Provider = "openai" }, ttlSeconds: 30);

        var hit = await _access.TryGetAsync("k", default);

        Assert.Equal("openai", hit?.Provider);
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), _store.Items["k"].Value.ExpiresAt);
        Assert.Equal(0, _store.Reads);
    }

    [Fact]
    public async Task LocalCopy_NeverOutlivesTheSharedEntry()
    {
        await _access.StoreAsync("k", new CachedCompletion(), ttlSeconds: 30);
        _store.Items.Clear(); // the shared entry expired

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(await _access.TryGetAsync("k", default));
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task StoreHit_IsKeptLocally_WhenItCarriesItsExpiry()
    {
        _store.Items["k"] = (new CachedCompletion { Model = "m", ExpiresAt = _time.GetUtcNow().AddMinutes(5) }, 300);
        _store.Items["old"] = (new CachedCompletion { Model = "m" }, 300); // written before expiries were recorded

        await _access.TryGetAsync("k", default);
        await _access.TryGetAsync("k", default);
        await _access.TryGetAsync("old", default);
        await _access.TryGetAsync("old", default);

        Assert.Equal(3, _store.Reads);
    }

    [Fact]
    public async Task StoreDown_IsAMiss_NotAnError()
    {
        _store.Unavailable = true;

        Assert.Null(await _access.TryGetAsync("k", default));
        await _access.StoreAsync("k", new CachedCompletion(), 30); // logged, not thrown
        Assert.Null(await _access.TryGetAsync("k", default)); // a failed write is not served locally either
    }
}
