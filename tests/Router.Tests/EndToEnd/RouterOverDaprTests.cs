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
}
