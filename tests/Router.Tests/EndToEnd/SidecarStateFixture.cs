using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>A private Redis, a local sidecar for app id "router" and a DaprClient on it: the real state store for store tests.</summary>
public sealed class SidecarStateFixture : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private LocalSidecar _sidecar = null!;

    public DaprClient Dapr { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _sidecar = await LocalSidecar.StartAsync("router", 0, _redis);
        Dapr = new DaprClientBuilder()
            .UseHttpEndpoint($"http://127.0.0.1:{_sidecar.HttpPort}")
            .UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}")
            .Build();
    }

    public async Task DisposeAsync()
    {
        Dapr.Dispose();
        await _sidecar.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
