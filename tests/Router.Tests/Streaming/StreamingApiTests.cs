using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Streaming;

public class StreamingApiTests
{
    private const string StreamRequest = """{"messages":[{"role":"user","content":"hi"}],"stream":true}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(HttpResponseMessage Response, List<string> Data)> PostStreamAsync(RouterFactory factory, string json = StreamRequest)
    {
        using var client = factory.Authed();
        var response = await client.PostAsync("/v1/chat/completions", Json(json));
        return (response, response.StatusCode == HttpStatusCode.OK ? await Sse.DataAsync(response) : []);
    }

    [Fact]
    public async Task Stream_HealthyProvider_RelaysContentThenDone()
    {
        using var factory = new RouterFactory();

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello from github/gpt-4o-mini", Sse.Text(data));
        Assert.Equal("[DONE]", data[^1]);
        response.Dispose();
    }

    [Fact]
    public async Task Stream_AdaptersUnreachableWhileTheirSidecarRestarts_SameCandidateServesAfterTheHopComesBack()
    {
        using var factory = new RouterFactory();
        factory.Backend.StreamHopFailures = 2;

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello from github/gpt-4o-mini", Sse.Text(data));
        Assert.Equal("1", response.Headers.GetValues("x-aiprovider-attempts").Single());
        Assert.False(response.Headers.TryGetValues("x-aiprovider-fallbacks", out var fallbacks) && fallbacks.Any(f => f.Length > 0));
        response.Dispose();
    }

    [Fact]
    public async Task Stream_InBandErrorBeforeContent_SwitchesToNextCandidate()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Role(), StreamEvents.Error(ErrorClass.Overloaded)]);

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal("Hello from openai/gpt-4o-mini", Sse.Text(data));
        Assert.Equal("[DONE]", data[^1]);
        Assert.Equal("2", response.Headers.GetValues("x-aiprovider-attempts").Single());
        Assert.Equal("openai", response.Headers.GetValues("x-aiprovider-provider").Single());
        response.Dispose();
    }

    [Fact]
    public async Task Stream_CutBeforeContent_SwitchesToNextCandidate()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Role()]);

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal("Hello from openai/gpt-4o-mini", Sse.Text(data));
        response.Dispose();
    }

    [Fact]
    public async Task Stream_FailureBeforeStreamBegan_SwitchesToNextCandidate()
    {
        using var factory = new RouterFactory();
        factory.Backend.FailStreamOpen("github/gpt-4o-mini", ErrorClass.RateLimited);

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal("Hello from openai/gpt-4o-mini", Sse.Text(data));
        response.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_FailureAfterContent_EndsWithInBandErrorAndNoDone(bool errorEvent)
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("github/gpt-4o-mini", () => errorEvent
            ? [StreamEvents.Role(), StreamEvents.Content("Partial "), StreamEvents.Error(ErrorClass.Overloaded)]
            : [StreamEvents.Role(), StreamEvents.Content("Partial ")]);

        var (response, data) = await PostStreamAsync(factory);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Partial ", Sse.Text(data));
        Assert.DoesNotContain("[DONE]", data);
        using var last = JsonDocument.Parse(data[^1]);
        Assert.True(last.RootElement.TryGetProperty("error", out var error));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Single(factory.Backend.Calls); // never switched after content
        response.Dispose();
    }

    [Fact]
    public async Task Stream_IncludeUsage_SendsUsageChunkBeforeDone()
    {
        using var factory = new RouterFactory();

        var (response, data) = await PostStreamAsync(factory,
            """{"messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""");

        using var usage = JsonDocument.Parse(data[^2]);
        Assert.Equal(7, usage.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.RootElement.GetProperty("choices").GetArrayLength());
        response.Dispose();
    }

    [Fact]
    public async Task Stream_CachedAnswer_IsReplayedAsSse()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var first = await client.PostAsync("/v1/chat/completions", Json("""{"messages":[{"role":"user","content":"hi"}],"temperature":0}"""));
        for (var i = 0; i < 200 && factory.Cache.Items.IsEmpty; i++)
        {
            await Task.Delay(10);
        }

        var (response, data) = await PostStreamAsync(factory, """{"messages":[{"role":"user","content":"hi"}],"temperature":0,"stream":true}""");

        Assert.Equal("HIT", response.Headers.GetValues("x-aiprovider-cache").Single());
        Assert.Equal("Hello from github/gpt-4o-mini", Sse.Text(data));
        Assert.Equal("[DONE]", data[^1]);
        Assert.Single(factory.Backend.Calls);
        response.Dispose();
    }

    [Fact]
    public async Task Stream_EveryCandidateFailsBeforeContent_IsPlainErrorResponse()
    {
        using var factory = new RouterFactory();
        foreach (var model in factory.Backend.Catalog.Models)
        {
            factory.Backend.Stream(model.Id, () => [BackendStreamEvent.ForError(new() { Class = ErrorClass.UpstreamError, Message = "boom" })]);
        }

        var (response, _) = await PostStreamAsync(factory);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        response.Dispose();
    }

    [Fact]
    public async Task Stream_IdenticalConcurrentMisses_ShareOneUpstreamStream()
    {
        using var factory = new RouterFactory();
        var release = new TaskCompletionSource();
        factory.Backend.StreamHold = release.Task;
        const string deterministic = """{"messages":[{"role":"user","content":"same question"}],"stream":true,"temperature":0}""";

        var leader = PostStreamAsync(factory, deterministic);
        await WaitUntil(() => factory.Backend.Calls.Count == 1);
        var follower = PostStreamAsync(factory, deterministic);
        await Task.Delay(300);
        Assert.Single(factory.Backend.Calls); // the follower waits for the leader instead of calling a provider
        release.SetResult();
        var (leaderResponse, leaderData) = await leader;
        var (followerResponse, followerData) = await follower;

        Assert.Single(factory.Backend.Calls);
        Assert.Equal("Hello from github/gpt-4o-mini", Sse.Text(leaderData));
        Assert.Equal(Sse.Text(leaderData), Sse.Text(followerData));
        Assert.Equal("[DONE]", followerData[^1]);
        Assert.Equal("MISS", leaderResponse.Headers.GetValues("x-aiprovider-cache").Single());
        Assert.Equal("HIT", followerResponse.Headers.GetValues("x-aiprovider-cache").Single());
        leaderResponse.Dispose();
        followerResponse.Dispose();
    }

    [Fact]
    public async Task Stream_BrokenAnswer_IsNeitherCachedNorShared()
    {
        using var factory = new RouterFactory();
        var release = new TaskCompletionSource();
        factory.Backend.StreamHold = release.Task;
        factory.Backend.Stream("github/gpt-4o-mini", () => [StreamEvents.Role(), StreamEvents.Content("Partial "), StreamEvents.Error(ErrorClass.Overloaded)]);
        const string deterministic = """{"messages":[{"role":"user","content":"fragile"}],"stream":true,"temperature":0}""";

        var (leaderResponse, leaderData) = await PostStreamAsync(factory, deterministic);
        var (followerResponse, followerData) = await PostStreamAsync(factory, deterministic);

        Assert.NotEqual("[DONE]", leaderData[^1]); // broken after content: never cached, never shared
        Assert.Equal("MISS", followerResponse.Headers.GetValues("x-aiprovider-cache").Single());
        Assert.Equal(2, factory.Backend.Calls.Count);
        leaderResponse.Dispose();
        followerResponse.Dispose();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
        Assert.True(condition());
    }
}
