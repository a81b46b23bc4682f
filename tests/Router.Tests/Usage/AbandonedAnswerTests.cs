using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Usage;
using Dapr.AiProvider.Router.Api;
using Dapr.AiProvider.Router.Backend;
using Dapr.AiProvider.Router.Routing;
using Dapr.AiProvider.Router.Tests.Api;
using Dapr.AiProvider.Router.Tests.Fakes;

namespace Dapr.AiProvider.Router.Tests.Usage;

/// <summary>
/// Issue 19 item 6: every token paid for. A caller that leaves does not make the provider's work free: an abandoned
/// stream is charged for the output actually relayed, an abandoned non-streamed call for the answer the provider gave.
/// </summary>
public sealed class AbandonedAnswerTests
{
    private const string StreamRequest = """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Tell me a long story."}],"stream":true}""";
    private static readonly string[] Pieces = ["Once upon a time, ", "a gateway counted ", "every token it relayed."];

    [Fact]
    public async Task Stream_CallerLeavesMidStream_ChargedForPromptAndRelayedOutput()
    {
        using var factory = new RouterFactory();
        var neverEnds = new TaskCompletionSource();
        factory.Backend.StreamHold = neverEnds.Task; // the provider is still generating when the caller leaves
        factory.Backend.Stream("openai/gpt-4o", () =>
            [StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), BackendStreamEvent.DoneEvent]);
        using var client = factory.Authed();
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // bounds the reads below, should the stream stall

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(StreamRequest, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues(DecisionHeaders.RequestId).Single();
        var received = await ReadContentAsync(response, Pieces.Length, leave.Token);
        await leave.CancelAsync(); // the caller closes the stream before the end
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        Assert.Equal(string.Concat(Pieces), received);
        var counter = new TokenCounter();
        var prompt = counter.CountPrompt(JsonSerializer.Deserialize(StreamRequest, RouterJsonContext.Default.ChatCompletionRequest)!);
        var output = counter.CountText(string.Concat(Pieces));
        Assert.True(output > 0);
        Assert.Equal(499, usage.Status);
        Assert.Equal("client_closed_request", usage.ErrorCode);
        Assert.Null(usage.ErrorClass);
        Assert.Equal(("openai", "gpt-4o"), (usage.Provider, usage.Model));
        Assert.Equal(prompt, usage.Tokens.InputTokens);
        Assert.Equal(output, usage.Tokens.OutputTokens);
        // openai/gpt-4o in the test catalog: $2.50 in, $10 out per million tokens, rounded up to a micro-dollar.
        Assert.Equal((long)Math.Ceiling((prompt * 2_500_000d + output * 10_000_000d) / 1_000_000d), usage.CostMicros);
        Assert.True(usage.CostMicros > 0);
    }

    [Fact]
    public async Task Stream_ProviderReportArrivedBeforeTheCut_ItsExactFiguresAreCharged()
    {
        using var factory = new RouterFactory();
        var neverEnds = new TaskCompletionSource();
        factory.Backend.StreamHold = neverEnds.Task;
        factory.Backend.Stream("openai/gpt-4o", () => [.. StreamEvents.Text(null, Pieces)]); // usage (3 in, 4 out, 7 µ$) before done
        using var client = factory.Authed();
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // bounds the reads below, should the stream stall

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(StreamRequest, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues(DecisionHeaders.RequestId).Single();
        await ReadContentAsync(response, Pieces.Length, leave.Token);
        await leave.CancelAsync();
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        Assert.Equal(499, usage.Status);
        Assert.Equal(3, usage.Tokens.InputTokens);
        Assert.Equal(4, usage.Tokens.OutputTokens);
        Assert.Equal(7, usage.CostMicros);
    }

    [Fact]
    public async Task Stream_ProviderBreaksOffAfterContent_ChargedForPromptAndRelayedOutput()
    {
        using var factory = new RouterFactory();
        factory.Backend.Stream("openai/gpt-4o", () =>
            [StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), StreamEvents.Error(ErrorClass.Overloaded)]);
        using var client = factory.Authed();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(StreamRequest, Encoding.UTF8, "application/json"));
        var data = await Sse.DataAsync(response);
        var usage = await factory.Usage.WaitForAsync(response.Headers.GetValues(DecisionHeaders.RequestId).Single(), TimeSpan.FromSeconds(10));

        Assert.Equal(string.Concat(Pieces), Sse.Text(data));
        var counter = new TokenCounter();
        Assert.Equal(200, usage.Status); // the caller got a 200 and an in-band error
        Assert.Equal("stream_interrupted", usage.ErrorCode);
        Assert.Equal(ErrorClass.Overloaded, usage.ErrorClass);
        Assert.Equal(counter.CountText(string.Concat(Pieces)), usage.Tokens.OutputTokens);
        Assert.Equal(counter.CountPrompt(JsonSerializer.Deserialize(StreamRequest, RouterJsonContext.Default.ChatCompletionRequest)!), usage.Tokens.InputTokens);
        Assert.True(usage.CostMicros > 0);
    }

    [Fact]
    public async Task NonStreamed_CallerLeavesWhileProviderWorks_AnswerStillRecordedWithItsCost()
    {
        using var factory = new RouterFactory();
        var providerAnswers = new TaskCompletionSource();
        factory.Backend.CompletionHold = providerAnswers.Task;
        using var client = factory.Authed();
        using var leave = new CancellationTokenSource();

        var call = client.PostAsync("/v1/chat/completions",
            new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), leave.Token);
        await WaitUntil(() => !factory.Backend.Calls.IsEmpty);
        await leave.CancelAsync();
        providerAnswers.SetResult(); // the provider finishes (and bills) after the caller left
        // TestServer ends the caller's call once the app is done with it (a real socket would end at once).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        await WaitUntil(() => !factory.Usage.Published.IsEmpty);

        var usage = Assert.Single(factory.Usage.Published);
        Assert.Equal(499, usage.Status);
        Assert.Equal("client_closed_request", usage.ErrorCode);
        Assert.Null(usage.ErrorClass);
        Assert.Equal("github", usage.Provider);
        Assert.Equal(42, usage.CostMicros); // FakeBackend's report for every answer: 10 in, 5 out, 42 µ$
        Assert.Equal(15, usage.Tokens.TotalTokens);
        Assert.Equal(1, usage.Attempts);
    }

    /// <summary>Reads SSE frames until <paramref name="pieces"/> content deltas have arrived; returns their text.</summary>
    private static async Task<string> ReadContentAsync(HttpResponseMessage response, int pieces, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var text = new StringBuilder();
        var seen = 0;
        while (seen < pieces && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal)
                && JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("choices")[0].GetProperty("delta")
                    .TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } piece)
            {
                text.Append(piece);
                seen++;
            }
        }
        Assert.Equal(pieces, seen);
        return text.ToString();
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
