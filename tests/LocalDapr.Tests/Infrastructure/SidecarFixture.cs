using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Infrastructure;

/// <summary>
/// xunit class fixture: a private Redis and one sidecar (app id <c>tests</c>, no app) with the default
/// components, plus a DaprClient on it. Use for tests that only talk to the sidecar's own APIs.
/// </summary>
public sealed class SidecarFixture : IAsyncLifetime
{
    public const string AppId = "tests";

    public RedisServer Redis { get; private set; } = null!;
    public SidecarProcess Sidecar { get; private set; } = null!;
    public DaprClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Sidecar = await SidecarProcess.StartAsync(Redis, new SidecarSpec(AppId));
        Client = Sidecar.CreateDaprClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}
