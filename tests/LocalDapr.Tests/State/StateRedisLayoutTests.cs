using System.Text;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.State;

/// <summary>What lands in Redis must be what daprd's state.redis writes: hash <c>appId||key</c> with data/version, EXPIRE for TTL.</summary>
[Trait("Category", "Process")]
public sealed class StateRedisLayoutTests(SidecarFixture fixture) : IClassFixture<SidecarFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Address);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task SaveState_WritesHashWithDataAndVersionUnderAppIdPrefix()
    {
        await fixture.Client.SaveStateAsync(DefaultResources.StateStore, "layout", new Widget("hash", 9));

        var db = _redis.GetDatabase();
        var fields = (await db.HashGetAllAsync($"{SidecarFixture.AppId}||layout")).ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());

        Assert.Equal(["data", "version"], fields.Keys.Order());
        Assert.Equal("""{"name":"hash","size":9}""", fields["data"]);
        Assert.Equal("1", fields["version"]);
    }

    [Fact]
    public async Task HashWrittenByDaprd_IsReadWithItsVersionAsETag()
    {
        await _redis.GetDatabase().HashSetAsync($"{SidecarFixture.AppId}||seeded",
            [new HashEntry("data", Encoding.UTF8.GetBytes("""{"name":"seed","size":4}""")), new HashEntry("version", 41)]);

        var (value, etag) = await fixture.Client.GetStateAndETagAsync<Widget>(DefaultResources.StateStore, "seeded");

        Assert.Equal(new Widget("seed", 4), value);
        Assert.Equal("41", etag);
    }

    [Fact]
    public async Task SaveState_TtlInSeconds_SetsExpiryAndKeyDisappears()
    {
        await fixture.Client.SaveStateAsync(DefaultResources.StateStore, "short-lived", new Widget("ttl", 1),
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = "1" });

        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync($"{SidecarFixture.AppId}||short-lived");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromMilliseconds(1300));
        Assert.Null(await fixture.Client.GetStateAsync<Widget>(DefaultResources.StateStore, "short-lived"));
    }
}
