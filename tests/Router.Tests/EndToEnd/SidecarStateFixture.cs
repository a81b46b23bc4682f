using Dapr.AiProvider.Router.State;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>
/// A private Redis, a local sidecar for app id "router", the router's <see cref="SidecarState"/> on it (its stores' client)
/// and a DaprClient (what the router used before: reads and writes records as the other services and older routers do).
/// </summary>
public sealed class SidecarStateFixture : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private LocalSidecar _sidecar = null!;

    public DaprClient Dapr { get; private set; } = null!;

    internal SidecarState State { get; private set; } = null!;

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _sidecar = await LocalSidecar.StartAsync("router", 0, _redis);
        Dapr = new DaprClientBuilder()
            .UseHttpEndpoint($"http://127.0.0.1:{_sidecar.HttpPort}")
            .UseGrpcEndpoint($"http://127.0.0.1:{_sidecar.GrpcPort}")
            .Build();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_sidecar.HttpPort}/") };
        State = new SidecarState(_http);
    }

    public async Task DisposeAsync()
    {
        Dapr.Dispose();
        _http.Dispose();
        await _sidecar.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
