using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Actors;

/// <summary>Redis + one actor app instance and its sidecar (app id <c>actor-tests</c>, idle timeout 2 s).</summary>
public sealed class ActorFixture : IAsyncLifetime
{
    public const string AppId = "actor-tests";

    public RedisServer Redis { get; private set; } = null!;
    public ActorEnvironment Env { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Env = await ActorEnvironment.StartAsync(Redis, AppId, "A", TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        if (Env is not null)
        {
            await Env.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
