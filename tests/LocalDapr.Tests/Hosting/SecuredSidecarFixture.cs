using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>A sidecar started with DAPR_API_TOKEN set.</summary>
public sealed class SecuredSidecarFixture : IAsyncLifetime
{
    public const string Token = "t0ken";

    public RedisServer Redis { get; private set; } = null!;
    public SidecarProcess Sidecar { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Sidecar = await SidecarProcess.StartAsync(Redis, new SidecarSpec("secured")
        {
            Env = new Dictionary<string, string> { ["DAPR_API_TOKEN"] = Token },
        });
    }

    public async Task DisposeAsync()
    {
        await Sidecar.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
