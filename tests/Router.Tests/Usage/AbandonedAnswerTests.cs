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
using Dapr.AiProvider.Contracts.Adapters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

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
    public async Task Stream_CallerLeavesMidStream_DrainOff_ChargedForPromptAndRelayedOutput()
    {
        using var factory = new RouterFactory();
        factory.Settings["Router:HangUpDrainSeconds"] = "0"; // stop reading at the hang-up: only the relayed output is known
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

    /// <summary>The provider goes on after the cut; its report at the end is what it bills, and what the caller is charged.</summary>
    [Fact]
    public async Task Stream_CallerLeavesMidStream_ReadOnToTheProvidersReport_ChargedWhatItProducedAfterTheCut()
    {
        using var factory = new RouterFactory();
        var afterTheCut = new TaskCompletionSource();
        factory.Backend.StreamHold = afterTheCut.Task;
        factory.Backend.StreamHoldAt = 1 + Pieces.Length; // the provider produces the rest once the caller has left
        factory.Backend.Stream("openai/gpt-4o", () =>
        [
            StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), StreamEvents.Content(" And then"), StreamEvents.Content(" it ended."),
            StreamEvents.Finish(), StreamEvents.Usage(), BackendStreamEvent.DoneEvent,
        ]);
        using var client = factory.Authed();

        var (requestId, _) = await ReadThenLeaveAsync(client, Pieces.Length);
        afterTheCut.SetResult();
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        // StreamEvents.Usage(): the provider's report, 3 in, 4 out, 7 µ$ — not the router's estimate of what it relayed.
        Assert.Equal(499, usage.Status);
        Assert.Equal("client_closed_request", usage.ErrorCode);
        Assert.Equal((3, 4, 7L), (usage.Tokens.InputTokens, usage.Tokens.OutputTokens, usage.CostMicros));
    }

    /// <summary>A local model is neither billed nor counted: nothing to learn from reading on, so it is stopped at once.</summary>
    [Fact]
    public async Task Stream_CallerLeaves_ModelNeitherBilledNorCounted_StoppedAtOnceAndChargedTheRelayedOutput()
    {
        using var factory = new RouterFactory();
        factory.Backend.Catalog = new ModelCatalog { Version = "local-1", Models = [TestCatalog.Model("ollama", "llama3.1", input: 0, output: 0)] };
        var neverEnds = new TaskCompletionSource();
        factory.Backend.StreamHold = neverEnds.Task;
        factory.Backend.StreamHoldAt = 1 + Pieces.Length;
        factory.Backend.Stream("ollama/llama3.1", () =>
            [StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), StreamEvents.Content(" never sent"), StreamEvents.Usage(), BackendStreamEvent.DoneEvent]);
        using var client = factory.Authed();

        var (requestId, _) = await ReadThenLeaveAsync(client, Pieces.Length, model: "ollama/llama3.1");
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        Assert.Equal(499, usage.Status);
        Assert.Equal(new TokenCounter().CountText(string.Concat(Pieces)), usage.Tokens.OutputTokens);
        Assert.Equal(0, usage.CostMicros);
    }

    /// <summary>A provider that stalls after the cut is read on for Router:HangUpDrainSeconds (on the clock), then dropped.</summary>
    [Fact]
    public async Task Stream_CallerLeaves_ProviderStallsAfterTheCut_DroppedAfterTheDrainTimeAndChargedWhatWasSeen()
    {
        using var factory = new RouterFactory();
        factory.Settings["Router:HangUpDrainSeconds"] = "30";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(time);
        }));
        var neverEnds = new TaskCompletionSource();
        factory.Backend.StreamHold = neverEnds.Task;
        factory.Backend.StreamHoldAt = 1 + Pieces.Length;
        factory.Backend.Stream("openai/gpt-4o", () =>
            [StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), StreamEvents.Usage(), BackendStreamEvent.DoneEvent]);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", RouterFactory.Key);

        var (requestId, _) = await ReadThenLeaveAsync(client, Pieces.Length);
        // Nothing ends the drain but the clock: 29 s later it still reads, at 30 s it gives up (bounded polling, no sleep).
        for (var i = 0; i < 100 && !factory.Usage.Published.Any(u => u.RequestId == requestId); i++)
        {
            time.Advance(TimeSpan.FromSeconds(i < 20 ? 0 : 29));
            await Task.Delay(20);
            if (i == 19)
            {
                Assert.DoesNotContain(factory.Usage.Published, u => u.RequestId == requestId);
            }
        }
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        Assert.Equal(499, usage.Status);
        Assert.Equal(new TokenCounter().CountText(string.Concat(Pieces)), usage.Tokens.OutputTokens); // the estimate, no report
        Assert.True(usage.CostMicros > 0);
    }

    [Fact]
    public async Task Stream_CallerLeaves_MoreOutputAfterTheCutThanTheBound_StopsReadingAndChargesWhatItSaw()
    {
        using var factory = new RouterFactory();
        factory.Settings["Router:HangUpDrainMaxOutputChars"] = "80";
        var afterTheCut = new TaskCompletionSource();
        factory.Backend.StreamHold = afterTheCut.Task;
        factory.Backend.StreamHoldAt = 1 + Pieces.Length;
        var longer = Enumerable.Range(0, 20).Select(i => StreamEvents.Content($" and then part {i:00},")).ToArray(); // 18 characters each
        factory.Backend.Stream("openai/gpt-4o", () =>
            [StreamEvents.Role(), .. Pieces.Select(StreamEvents.Content), .. longer, StreamEvents.Usage(), BackendStreamEvent.DoneEvent]);
        using var client = factory.Authed();

        var (requestId, _) = await ReadThenLeaveAsync(client, Pieces.Length);
        afterTheCut.SetResult();
        var usage = await factory.Usage.WaitForAsync(requestId, TimeSpan.FromSeconds(10));

        // 59 characters relayed; the piece read when the write fails (77), then reading stops past 80 (95): the estimate of
        // what was seen, never the report (4 output tokens) nor the whole answer.
        var counter = new TokenCounter();
        var seen = counter.CountText(string.Concat(Pieces) + " and then part 00, and then part 01,");
        var all = counter.CountText(string.Concat(Pieces) + string.Concat(Enumerable.Range(0, 20).Select(i => $" and then part {i:00},")));
        Assert.Equal(499, usage.Status);
        Assert.InRange(usage.Tokens.OutputTokens, seen, all - 1);
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

    /// <summary>Streams <see cref="StreamRequest"/> (or the same for <paramref name="model"/>), reads <paramref name="pieces"/>
    /// content deltas, then closes the stream; returns the request id and the text read.</summary>
    private static async Task<(string RequestId, string Received)> ReadThenLeaveAsync(HttpClient client, int pieces, string model = "openai/gpt-4o")
    {
        using var leave = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // bounds the reads, should the stream stall
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(StreamRequest.Replace("openai/gpt-4o", model, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues(DecisionHeaders.RequestId).Single();
        var received = await ReadContentAsync(response, pieces, leave.Token);
        await leave.CancelAsync(); // the caller closes the stream before the end
        return (requestId, received);
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
