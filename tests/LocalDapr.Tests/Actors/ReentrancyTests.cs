using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>With reentrancy enabled in <c>/dapr/config</c>, an actor may call itself within its own turn.</summary>
[Trait("Category", "Process")]
public sealed class ReentrancyTests
{
    [Fact]
    public async Task Invoke_ReentrantCallToSelf_CompletesWithinTurn()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var env = await ActorEnvironment.StartAsync(redis, "reentrant-tests", "A", TimeSpan.FromMinutes(5), reentrant: true);
        var proxy = env.Proxy("self-caller");

        var count = await proxy.IncrementViaSelfAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(1, count);
        Assert.Equal(2, await proxy.IncrementAsync());
    }
}
