using System.Net;
using System.Text.RegularExpressions;

namespace Dapr.AiProvider.ProviderSimulator.Tests.OpenAi;

/// <summary>Raw OpenAI wire details the SDK hides: chunk order, usage chunk, headers, error bodies.</summary>
[Trait("Category", "Process")]
public sealed partial class OpenAiWireTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Path = "/openai/v1/chat/completions";

    [Fact]
    public async Task Stream_IncludeUsage_UsageChunkHasEmptyChoicesThenDone()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("gpt-4o-mini", "count my words please", stream: true));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("[DONE]", events[^1].Data);
        var usage = events[^2].Json;
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.True(usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal("stop", events[^3].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, events[1].Json.GetProperty("usage").ValueKind);
        Assert.Equal("assistant", events[0].Json.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HasNoUsageChunk()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("gpt-4o-mini", "hi", extra: ",\"stream\":true"));
        var events = Sse.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1].Data);
        Assert.DoesNotContain(events.Take(events.Count - 1), e => e.Json.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task Completion_Success_SendsRateLimitHeadersWithDurations()
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, Http.Chat("gpt-4o-mini", "hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(GoDuration(), response.Header("x-ratelimit-reset-requests"));
        Assert.Matches(GoDuration(), response.Header("x-ratelimit-reset-tokens"));
        Assert.True(int.Parse(response.Header("x-ratelimit-remaining-requests"), System.Globalization.CultureInfo.InvariantCulture)
            < int.Parse(response.Header("x-ratelimit-limit-requests"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{", "We could not parse the JSON body of your request.")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "you must provide a model parameter")]
    [InlineData("""{"model":"m"}""", "Missing required parameter: 'messages'.")]
    [InlineData("""{"model":"m","messages":[]}""", "Invalid 'messages': empty array.")]
    [InlineData("""{"model":"m","messages":[{"role":"robot","content":"x"}]}""", "Invalid value: 'robot'.")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"x"}]}""", "Invalid 'max_tokens'")]
    [InlineData("""{"model":"m","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}""", "The 'stream_options' parameter")]
    public async Task Completion_BadInput_Returns400InvalidRequestError(string body, string message)
    {
        using var client = sim.Bearer();
        using var response = await client.PostJsonAsync(Path, body);
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_NoKey_Returns401WithoutCode()
    {
        using var client = sim.CreateClient();
        using var response = await client.PostJsonAsync(Path, Http.Chat("gpt-4o-mini", "hi"));
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("You didn't provide an API key.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_List_ReturnsOpenAiListShape()
    {
        using var client = sim.Bearer();
        var list = await (await client.GetAsync(new Uri("/openai/v1/models", UriKind.Relative))).JsonAsync();

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Contains(list.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "gpt-4o-mini");
    }

    [GeneratedRegex(@"^(\d+h)?(\d+m)?(\d+(\.\d+)?s|\d+ms)$")]
    private static partial Regex GoDuration();
}
