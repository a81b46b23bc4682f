using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace Dapr.AiProvider.LocalDapr.Tests.Hosting;

/// <summary>Health endpoints, path cleaning, metadata (HTTP and gRPC), gRPC reflection and UNIMPLEMENTED RPCs.</summary>
[Trait("Category", "Process")]
public sealed class HealthAndMetadataTests(SidecarFixture fixture) : IClassFixture<SidecarFixture>
{
    [Fact]
    public async Task CheckHealth_And_WaitForSidecar_Succeed()
    {
        Assert.True(await fixture.Client.CheckHealthAsync());
        Assert.True(await fixture.Client.CheckOutboundHealthAsync());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await fixture.Client.WaitForSidecarAsync(cts.Token);
    }

    [Theory]
    [InlineData("v1.0/healthz")]
    [InlineData("/v1.0/healthz/")]
    [InlineData("//v1.0//healthz")]
    [InlineData("v1.0/healthz/outbound/")]
    public async Task Healthz_DoubleAndTrailingSlashes_Return204(string path)
    {
        using var http = new HttpClient();
        var url = fixture.Sidecar.HttpEndpoint + (path.StartsWith('/') ? path : "/" + path);

        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task GetMetadata_Grpc_ReportsAppIdAndComponents()
    {
        var metadata = await fixture.Client.GetMetadataAsync();

        Assert.Equal(SidecarFixture.AppId, metadata.Id);
        Assert.Contains(metadata.Components, c => c.Name == "statestore" && c.Type == "state.redis" && c.Capabilities.Contains("ACTOR"));
        Assert.Contains(metadata.Components, c => c.Name == "secretstore" && c.Type == "secretstores.local.file");
    }

    [Fact]
    public async Task HttpMetadata_ReportsIdAndComponents()
    {
        var body = JsonDocument.Parse(await fixture.Sidecar.CreateHttpClient().GetStringAsync("v1.0/metadata")).RootElement;

        Assert.Equal(SidecarFixture.AppId, body.GetProperty("id").GetString());
        Assert.Contains(body.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "pubsub");
    }

    [Fact]
    public async Task GrpcReflection_ListsDaprService()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Sidecar.GrpcEndpoint);
        var client = new ServerReflection.ServerReflectionClient(channel);
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "dapr.proto.runtime.v1.Dapr");
    }

    [Fact]
    public async Task UnboundRpc_AnswersUnimplemented()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Sidecar.GrpcEndpoint);
        var client = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.InvokeBindingAsync(new Dapr.Client.Autogen.Grpc.v1.InvokeBindingRequest { Name = "b", Operation = "create" }));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
