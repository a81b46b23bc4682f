using System.Net;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>DAPR_API_TOKEN: every API call needs <c>dapr-api-token</c> (HTTP 401 "invalid api token", gRPC Unauthenticated) except GET healthz.</summary>
public sealed class ApiTokenTests : IAsyncLifetime
{
    private const string Token = "t0ken";
    private RedisServer _redis = null!;
    private SidecarProcess _sidecar = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _sidecar = await SidecarProcess.StartAsync(_redis, new SidecarSpec("secured")
        {
            Env = new Dictionary<string, string> { ["DAPR_API_TOKEN"] = Token },
        });
    }

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task HttpWithoutToken_Returns401_WithTokenSucceeds()
    {
        var http = _sidecar.CreateHttpClient();

        using var denied = await http.GetAsync("v1.0/metadata");
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/metadata") { Headers = { { "dapr-api-token", Token } } };
        using var allowed = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("invalid api token", (await denied.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Healthz_WithoutToken_IsAllowed()
    {
        using var response = await _sidecar.CreateHttpClient().GetAsync("v1.0/healthz");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task DaprClient_WithToken_Works_WithoutToken_Fails()
    {
        using var good = _sidecar.CreateDaprClient(Token);
        using var bad = _sidecar.CreateDaprClient();

        await good.SaveStateAsync(DefaultResources.StateStore, "secured", 1);

        Assert.Equal(1, await good.GetStateAsync<int>(DefaultResources.StateStore, "secured"));
        await Assert.ThrowsAsync<DaprException>(() => bad.GetStateAsync<int>(DefaultResources.StateStore, "secured"));
    }
}
