using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using StackExchange.Redis;

namespace Dapr.AiProvider.LocalDapr.Tests.State;

/// <summary>The <c>keyPrefix</c> metadata strategies of daprd (none, name, custom) decide the Redis key.</summary>
[Trait("Category", "Process")]
public sealed class KeyPrefixTests
{
    private static string Store(string name, string redis, string prefix) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: state.redis
          version: v1
          metadata:
          - name: redisHost
            value: {redis}
          - name: keyPrefix
            value: {prefix}
        """;

    [Fact]
    public async Task SaveState_KeyPrefixStrategies_WriteExpectedRedisKeys()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var sidecar = await SidecarProcess.StartAsync(redis, new SidecarSpec("prefixes")
        {
            ExtraResources = new Dictionary<string, string>
            {
                ["none.yaml"] = Store("store-none", redis.Address, "none"),
                ["name.yaml"] = Store("store-name", redis.Address, "name"),
                ["custom.yaml"] = Store("store-custom", redis.Address, "shared"),
            },
        });
        using var client = sidecar.CreateDaprClient();

        await client.SaveStateAsync("store-none", "k", 1);
        await client.SaveStateAsync("store-name", "k", 2);
        await client.SaveStateAsync("store-custom", "k", 3);

        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var db = raw.GetDatabase();
        Assert.Equal("1", (string?)await db.HashGetAsync("k", "data"));
        Assert.Equal("2", (string?)await db.HashGetAsync("store-name||k", "data"));
        Assert.Equal("3", (string?)await db.HashGetAsync("shared||k", "data"));
        Assert.Equal(3, await client.GetStateAsync<int>("store-custom", "k"));
    }
}
