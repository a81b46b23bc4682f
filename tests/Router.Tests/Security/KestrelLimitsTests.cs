using System.Net;
using System.Text;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>Kestrel's own limits (not visible through TestServer): oversized headers and bodies are refused, the server keeps serving.</summary>
public class KestrelLimitsTests
{
    [Fact]
    public async Task HugeHeaders_431_HugeBody_413_ThenStillServing()
    {
        using var factory = new RouterFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RouterFactory.Key);
        const string hello = """{"messages":[{"role":"user","content":"hi"}]}""";

        var header = await RefusedWithAsync(client, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(hello, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-padding", new string('a', 40_000));
            return request;
        });
        var body = await RefusedWithAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"messages":[{"role":"user","content":"{{new string('x', 300_000)}}"}]}""", Encoding.UTF8, "application/json"),
        });
        // A new client (a new connection): the refused requests' connections were closed by Kestrel.
        using var fresh = factory.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RouterFactory.Key);
        using var ok = await fresh.PostAsync("/v1/chat/completions", new StringContent(hello, Encoding.UTF8, "application/json"));

        // Kestrel answers and closes; under load the client may see the close before the answer (null).
        Assert.True(header is null or HttpStatusCode.RequestHeaderFieldsTooLarge, $"{header}");
        Assert.True(body is null or HttpStatusCode.RequestEntityTooLarge, $"{body}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(ok.Headers.Contains("Server"));
    }

    private static async Task<HttpStatusCode?> RefusedWithAsync(HttpClient client, Func<HttpRequestMessage> create)
    {
        using var request = create();
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
