using System.Net;
using System.Text;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Extensions.AI;

namespace Dapr.AiProvider.Client.Tests.Unit;

/// <summary>
/// The Dapr transport against a fake sidecar (an HttpListener): the request must take daprd's service
/// invocation path, <c>/v1.0/invoke/{app-id}/method/{method}</c>, and carry <c>dapr-api-token</c>
/// (as dapr/dotnet-sdk src/Dapr.Client/InvocationHandler.cs builds them; the token only when not blank,
/// DaprClient.GetDaprApiTokenHeader in src/Dapr.Client/DaprClient.cs).
/// </summary>
public sealed class DaprTransportTests
{
    [Fact]
    public async Task Create_NoEndpoint_InvokesRouterThroughSidecarWithApiToken()
    {
        var port = FreePort.Next();
        using var sidecar = new HttpListener();
        sidecar.Prefixes.Add($"http://127.0.0.1:{port}/");
        sidecar.Start();
        var served = ServeOnceAsync(sidecar);
        using var client = AiProviderChatClient.Create(new AiProviderChatClientOptions
        {
            ApiKey = "aip_test_key", DaprHttpEndpoint = $"http://127.0.0.1:{port}", DaprApiToken = "sidecar-token",
        });

        var response = await client.GetResponseAsync("Say hello");

        var request = await served;
        Assert.Equal("/v1.0/invoke/router/method/v1/chat/completions", request.Path);
        Assert.Equal("sidecar-token", request.DaprApiToken);
        Assert.Equal("Bearer aip_test_key", request.Authorization);
        Assert.Equal("Hello through the sidecar", response.Text);
        Assert.Equal("req-dapr", response.GetGatewayDecision()?.RequestId);
    }

    [Fact]
    public async Task Create_OtherRouterAppId_InvokesThatAppId()
    {
        var port = FreePort.Next();
        using var sidecar = new HttpListener();
        sidecar.Prefixes.Add($"http://127.0.0.1:{port}/");
        sidecar.Start();
        var served = ServeOnceAsync(sidecar);
        using var client = AiProviderChatClient.Create(new AiProviderChatClientOptions
        {
            ApiKey = "aip_test_key", DaprHttpEndpoint = $"http://127.0.0.1:{port}", DaprApiToken = "", RouterAppId = "gateway-eu",
        });

        await client.GetResponseAsync("Say hello");

        var request = await served;
        Assert.Equal("/v1.0/invoke/gateway-eu/method/v1/chat/completions", request.Path);
        Assert.Null(request.DaprApiToken);
    }

    private sealed record SeenRequest(string Path, string? DaprApiToken, string? Authorization);

    private static async Task<SeenRequest> ServeOnceAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var seen = new SeenRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["dapr-api-token"], context.Request.Headers["Authorization"]);
        var body = Encoding.UTF8.GetBytes("""
            {"id":"chatcmpl-d","object":"chat.completion","created":1765000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello through the sidecar"},"finish_reason":"stop"}]}
            """);
        context.Response.ContentType = "application/json";
        context.Response.Headers[GatewayHeaders.RequestId] = "req-dapr";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
        return seen;
    }
}
