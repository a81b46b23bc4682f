using System.Net;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;
using Dapr.Client;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>DAPR_API_TOKEN: every API call needs <c>dapr-api-token</c> (HTTP 401 "invalid api token", gRPC Unauthenticated) except GET healthz.</summary>
[Trait("Category", "Process")]
public sealed class ApiTokenTests(SecuredSidecarFixture fixture) : IClassFixture<SecuredSidecarFixture>
{
    private const string Token = SecuredSidecarFixture.Token;
    private readonly SidecarProcess _sidecar = fixture.Sidecar;

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
    public async Task GrpcWithoutToken_IsUnauthenticated()
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(_sidecar.GrpcEndpoint);
        var client = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await client.GetStateAsync(new Dapr.Client.Autogen.Grpc.v1.GetStateRequest { StoreName = "statestore", Key = "k" }));

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, error.StatusCode);
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
