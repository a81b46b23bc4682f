using System.Net;
using System.Text.Json;

namespace Dapr.AiProvider.Router.Tests.EndToEnd;

/// <summary>Router → sidecar → sidecar → adapters, with the state store and pub/sub on a real Redis.</summary>
[Trait("Category", "Process")]
public sealed class RouterOverDaprTests(RouterStack stack) : IClassFixture<RouterStack>
{
    [Fact]
    public async Task ChatCompletion_ThroughSidecars_AnswersCachesAndPublishesUsage()
    {
        const string request = """{"messages":[{"role":"user","content":"hello over dapr"}],"temperature":0}""";

        using var first = await stack.PostAsync(request);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{first.StatusCode}: {firstBody}\n{stack.Router.Output}");
        using var json = JsonDocument.Parse(firstBody);
        Assert.Equal("Hello from github/gpt-4o-mini", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("MISS", first.Headers.GetValues("x-aiprovider-cache").Single());

        var cached = false;
        for (var i = 0; i < 50 && !cached; i++)
        {
            await Task.Delay(100);
            using var again = await stack.PostAsync(request);
            cached = again.Headers.GetValues("x-aiprovider-cache").Single() == "HIT";
        }
        Assert.True(cached, "the repeated deterministic request was never served from the state store cache");

        var streamLength = 0L;
        for (var i = 0; i < 50 && streamLength < 2; i++)
        {
            await Task.Delay(100);
            streamLength = await stack.RedisStreamLengthAsync("usage");
        }
        Assert.True(streamLength >= 2, $"expected usage events on the 'usage' stream, found {streamLength}");
    }

    [Fact]
    public async Task Streaming_ThroughSidecars_RelaysSseAndDone()
    {
        using var response = await stack.PostAsync("""{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"stream":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = await Api.Sse.DataAsync(response);
        Assert.Equal("Hello", Api.Sse.Text(data));
        Assert.Equal("[DONE]", data[^1]);
    }

    /// <summary>
    /// Issue #18.8: an agent with its own sidecar is admitted by its Dapr identity (no key) and charged under its app
    /// id; the local sidecar stamps <c>dapr-caller-app-id</c> and the app token as daprd does
    /// (dapr/dapr <c>pkg/messaging/direct_messaging.go</c>, <c>pkg/channel/http/http_channel.go</c>).
    /// </summary>
    [Fact]
    public async Task AgentThroughItsSidecar_IsChargedUnderItsAppId_TheSameHeaderOnThePublicPortIs401()
    {
        const string request = """{"messages":[{"role":"user","content":"hello from the mesh"}]}""";
        using var before = await stack.AgentPostAsync(request);
        using (var admit = new HttpRequestMessage(HttpMethod.Put, $"admin/apps/{RouterStack.AgentAppId}")
        {
            Content = new StringContent("""{"role":"service","team":"qa"}""", System.Text.Encoding.UTF8, "application/json"),
        })
        using (var admitted = await stack.SendAsync(admit))
        {
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        using var agent = await stack.AgentPostAsync(request);
        var agentBody = await agent.Content.ReadAsStringAsync();
        using var spoofed = await stack.AnonymousPostAsync(request, new Dictionary<string, string> { ["dapr-caller-app-id"] = RouterStack.AgentAppId });

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode); // not admitted yet: the identity alone is not enough
        Assert.True(agent.StatusCode == HttpStatusCode.OK, $"{agent.StatusCode}: {agentBody}\n{stack.Router.Output}");
        Assert.Equal(HttpStatusCode.Unauthorized, spoofed.StatusCode);
        var charged = false;
        for (var i = 0; i < 50 && !charged; i++)
        {
            var stream = await stack.RedisStreamAsync("usage");
            charged = stream.Contains("\"apiKeyId\":\"app:agent-qa\"", StringComparison.Ordinal)
                && stream.Contains("\"callerAppId\":\"agent-qa\"", StringComparison.Ordinal);
            if (!charged)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(charged, "no usage event charged to app:agent-qa on the 'usage' stream");
    }
}
